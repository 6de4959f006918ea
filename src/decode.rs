//! Bytes of an opened or dropped file to text: BOM sniffing, UTF-8, UTF-16, and a
//! Windows-1252 fallback with a notice so the user knows the text was a guess.
//!
//! Decoding is `encoding_rs` (the browsers' own tables), not hand-written tables. Nothing is
//! removed: NULs and control characters stay in the text as given, and the core copes.

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, WINDOWS_1252};

/// Decoded text, the encoding used, and a notice for the user when decoding was a guess.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    pub encoding: &'static str,
    pub notice: Option<String>,
}

/// The notice shown when the Windows-1252 fallback was used.
pub const WINDOWS_1252_NOTICE: &str = "This file was not valid UTF-8; it was read as Windows-1252.";

/// How many leading bytes the binary and BOM-less UTF-16 checks look at.
const SNIFF_BYTES: usize = 4096;

/// Decodes file bytes. Never panics, never fails: undecodable bytes become U+FFFD.
///
/// Order: a byte order mark decides (and is stripped); else valid UTF-8 is taken as is; else
/// text that is mostly NUL in every other byte is BOM-less UTF-16; else Windows-1252, which
/// maps every byte to a character, with a notice. Bytes that look like a binary file (an
/// image, a PDF) get a notice saying so, whatever the encoding.
pub fn decode(bytes: &[u8]) -> Decoded {
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        let body = bytes.get(bom_len..).unwrap_or(&[]);
        let (text, had_errors) = encoding.decode_without_bom_handling(body);
        let notice = had_errors.then(|| {
            format!(
                "This file had bytes that are not valid {}; they were replaced by \u{FFFD}.",
                encoding.name()
            )
        });
        return Decoded {
            text: text.into_owned(),
            encoding: encoding.name(),
            notice,
        };
    }
    if let Some(encoding) = bomless_utf16(bytes) {
        let (text, _) = encoding.decode_without_bom_handling(bytes);
        return Decoded {
            text: text.into_owned(),
            encoding: encoding.name(),
            notice: Some(format!(
                "This file had no byte order mark; it was read as {}.",
                encoding.name()
            )),
        };
    }
    let utf8 = std::str::from_utf8(bytes);
    let binary = looks_binary(bytes, utf8.is_ok());
    let binary_notice = || {
        "This file does not look like text (it may be an image or another binary file); \
         it was read as text anyway."
            .to_string()
    };
    match utf8 {
        Ok(text) => Decoded {
            text: text.to_owned(),
            encoding: "UTF-8",
            notice: binary.then(binary_notice),
        },
        Err(_) => {
            let (text, _) = WINDOWS_1252.decode_without_bom_handling(bytes);
            Decoded {
                text: text.into_owned(),
                encoding: WINDOWS_1252.name(),
                notice: Some(if binary {
                    binary_notice()
                } else {
                    WINDOWS_1252_NOTICE.to_string()
                }),
            }
        }
    }
}

/// UTF-16 without a BOM: in text made of Latin script, one byte of every pair is NUL. Needs a
/// clear majority so that binary files with many NULs do not qualify.
fn bomless_utf16(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = bytes.get(..bytes.len().min(SNIFF_BYTES))?;
    if head.len() < 4 || !bytes.len().is_multiple_of(2) {
        return None;
    }
    let n_pairs = head.len() / 2;
    let (mut nul_even, mut nul_odd) = (0, 0);
    for pair in head.chunks_exact(2) {
        nul_even += usize::from(pair[0] == 0);
        nul_odd += usize::from(pair[1] == 0);
    }
    // 90% of one side NUL and almost none of the other.
    let mostly = |n: usize| n * 10 >= n_pairs * 9;
    let rarely = |n: usize| n * 20 <= n_pairs;
    if mostly(nul_odd) && rarely(nul_even) {
        Some(UTF_16LE)
    } else if mostly(nul_even) && rarely(nul_odd) {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// Binary data: many control bytes that text files do not contain (compressed data has about
/// 11%, a PNG header far more). Text with the odd stray NUL or escape sequence is not binary;
/// bytes that are not UTF-8 either need less evidence.
fn looks_binary(bytes: &[u8], valid_utf8: bool) -> bool {
    let head = &bytes[..bytes.len().min(SNIFF_BYTES)];
    let n_control = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | b'\x0c'))
        .count();
    let percent = if valid_utf8 { 8 } else { 3 };
    n_control > 2 && n_control * 100 > head.len() * percent
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_as_is_and_bom_stripped() {
        let d = decode("Café £5".as_bytes());
        assert_eq!(
            (d.text.as_str(), d.encoding, d.notice),
            ("Café £5", "UTF-8", None)
        );
        let d = decode(b"\xEF\xBB\xBFhi");
        assert_eq!((d.text.as_str(), d.encoding), ("hi", "UTF-8"));
        assert_eq!(d.notice, None);
    }

    #[test]
    fn utf16_with_bom_both_orders() {
        let text = "Zoë said “hi” 👋";
        let le: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        let be: Vec<u8> = [0xFE, 0xFF]
            .into_iter()
            .chain(text.encode_utf16().flat_map(u16::to_be_bytes))
            .collect();
        assert_eq!(decode(&le).text, text);
        assert_eq!(decode(&le).encoding, "UTF-16LE");
        assert_eq!(decode(&be).text, text);
        assert_eq!(decode(&be).encoding, "UTF-16BE");
        assert_eq!(decode(&be).notice, None);
    }

    #[test]
    fn windows_1252_fallback_with_notice() {
        let d = decode(b"It cost \xA3225 \x96 a \x93deal\x94.");
        assert_eq!(d.text, "It cost £225 – a “deal”.");
        assert_eq!(d.encoding, "windows-1252");
        assert_eq!(d.notice.as_deref(), Some(WINDOWS_1252_NOTICE));
    }

    #[test]
    fn bomless_utf16_is_recognised_but_nul_heavy_binary_is_not() {
        let le: Vec<u8> = "Plain English text."
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        let d = decode(&le);
        assert_eq!(
            (d.text.as_str(), d.encoding),
            ("Plain English text.", "UTF-16LE")
        );
        assert!(d.notice.is_some());
        let zeros = vec![0u8; 64];
        assert_ne!(decode(&zeros).encoding, "UTF-16LE");
        assert!(decode(&zeros)
            .notice
            .unwrap()
            .contains("does not look like text"));
    }

    #[test]
    fn stray_control_characters_are_kept_and_not_binary() {
        let d = decode(b"a\x00b\x07c plain text that goes on for a while, long enough.......");
        assert_eq!(d.text.chars().nth(1), Some('\0'));
        assert_eq!(d.notice, None);
        assert_eq!(decode(b"").text, "");
        assert_eq!(decode(b"").notice, None);
    }
}
