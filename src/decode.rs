//! Bytes of an opened file to text. PLACEHOLDER (lossy UTF-8): the page issue replaces it with
//! BOM sniffing and a Windows-1252 fallback, keeping the signature.

/// Decoded text, the encoding used, and a notice for the user when decoding was a guess.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    pub encoding: &'static str,
    pub notice: Option<String>,
}

/// Decodes file bytes. Never panics, never fails: undecodable bytes become U+FFFD.
pub fn decode(bytes: &[u8]) -> Decoded {
    Decoded {
        text: String::from_utf8_lossy(bytes).into_owned(),
        encoding: "UTF-8",
        notice: None,
    }
}
