//! Bytes of an opened or dropped file to text: BOM sniffing, UTF-8, UTF-16, and a
//! Windows-1252 fallback with a notice so the user knows the text was a guess.
//!
//! Which encoding to use is decided here, the same way on every platform. No table is
//! hand-written: UTF-8 and UTF-16 are the standard library's decoders, and Windows-1252 is
//! supplied by the caller (`decode_with`): natively `encoding_rs` (`decode`), in the browser
//! the page's own `TextDecoder`, so the wasm bundle carries no encoding tables (encoding_rs
//! would bring every legacy encoding's, ~130 KB gzipped, for one 32-character difference).
//! Nothing is removed: NULs and control characters stay in the text as given, and the core
//! copes.

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

/// The two byte orders of UTF-16, named as the WHATWG Encoding Standard (and so
/// `TextDecoder` and `encoding_rs`) names them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Utf16 {
    Le,
    Be,
}

impl Utf16 {
    fn name(self) -> &'static str {
        match self {
            Utf16::Le => "UTF-16LE",
            Utf16::Be => "UTF-16BE",
        }
    }
}

/// Label of the fallback encoding, as `TextDecoder` takes it.
pub const WINDOWS_1252: &str = "windows-1252";

/// Decodes file bytes with `encoding_rs` for the Windows-1252 fallback. Never panics, never
/// fails: undecodable bytes become U+FFFD. See `decode_with` for the order of the checks.
#[cfg(not(target_arch = "wasm32"))]
pub fn decode(bytes: &[u8]) -> Decoded {
    decode_with(bytes, |b| {
        encoding_rs::WINDOWS_1252
            .decode_without_bom_handling(b)
            .0
            .into_owned()
    })
}

/// Decodes file bytes; `windows_1252` turns bytes into text as Windows-1252 (every byte is a
/// character there, so it cannot fail). Never panics, never fails: undecodable bytes become
/// U+FFFD.
///
/// Order: a byte order mark decides (and is stripped); else valid UTF-8 is taken as is; else
/// text that is mostly NUL in every other byte is BOM-less UTF-16; else Windows-1252, with a
/// notice. Bytes that look like a binary file (an image, a PDF) get a notice saying so,
/// whatever the encoding.
pub fn decode_with(bytes: &[u8], windows_1252: impl FnOnce(&[u8]) -> String) -> Decoded {
    let bom = |name: &'static str, (text, had_errors): (String, bool)| Decoded {
        text,
        encoding: name,
        notice: had_errors.then(|| {
            format!(
                "This file had bytes that are not valid {name}; they were replaced by \u{FFFD}."
            )
        }),
    };
    if let Some(body) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        let text = String::from_utf8_lossy(body);
        let had_errors = matches!(text, std::borrow::Cow::Owned(_));
        return bom("UTF-8", (text.into_owned(), had_errors));
    }
    if let Some(body) = bytes.strip_prefix(b"\xFF\xFE") {
        return bom(Utf16::Le.name(), utf16(body, Utf16::Le));
    }
    if let Some(body) = bytes.strip_prefix(b"\xFE\xFF") {
        return bom(Utf16::Be.name(), utf16(body, Utf16::Be));
    }
    if let Some(order) = bomless_utf16(bytes) {
        return Decoded {
            text: utf16(bytes, order).0,
            encoding: order.name(),
            notice: Some(format!(
                "This file had no byte order mark; it was read as {}.",
                order.name()
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
        Err(_) => Decoded {
            text: windows_1252(bytes),
            encoding: WINDOWS_1252,
            notice: Some(if binary {
                binary_notice()
            } else {
                WINDOWS_1252_NOTICE.to_string()
            }),
        },
    }
}

/// UTF-16 in the given byte order, and whether anything was replaced by U+FFFD (a lone
/// surrogate, or an odd byte at the end).
fn utf16(body: &[u8], order: Utf16) -> (String, bool) {
    let units = body.chunks_exact(2).map(|p| match order {
        Utf16::Le => u16::from_le_bytes([p[0], p[1]]),
        Utf16::Be => u16::from_be_bytes([p[0], p[1]]),
    });
    let mut had_errors = false;
    let mut text: String = char::decode_utf16(units)
        .map(|c| {
            c.unwrap_or_else(|_| {
                had_errors = true;
                '\u{FFFD}'
            })
        })
        .collect();
    if !body.len().is_multiple_of(2) {
        text.push('\u{FFFD}');
        had_errors = true;
    }
    (text, had_errors)
}

/// UTF-16 without a BOM: in text made of Latin script, one byte of every pair is NUL. Needs a
/// clear majority so that binary files with many NULs do not qualify.
fn bomless_utf16(bytes: &[u8]) -> Option<Utf16> {
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
        Some(Utf16::Le)
    } else if mostly(nul_even) && rarely(nul_odd) {
        Some(Utf16::Be)
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

    /// The standard library's UTF-8 and UTF-16 decoders replace bad input exactly as the
    /// Encoding Standard says (one U+FFFD per maximal bad subpart, per lone surrogate, per odd
    /// last byte): the same text `encoding_rs` gives, checked on awkward bytes.
    #[test]
    fn utf8_and_utf16_after_a_bom_match_encoding_rs() {
        let bodies: &[&[u8]] = &[
            b"plain",
            b"caf\xC3\xA9 \xC3",
            b"\xE2\x82\xAC\xE2\x82 \xF0\x9F\x91 x \xFF\xC0\xAF \xED\xA0\x80",
            b"\x3D\xD8\x4B\xDC",
            b"\x3D\xD8a\x00",
            b"\x00\xDCa\x00b",
            b"\xD8\x3D\xDC\x4B\x00",
            b"",
            b"\x01",
        ];
        for body in bodies {
            for (bom, encoding) in [
                (&b"\xEF\xBB\xBF"[..], encoding_rs::UTF_8),
                (b"\xFF\xFE", encoding_rs::UTF_16LE),
                (b"\xFE\xFF", encoding_rs::UTF_16BE),
            ] {
                let bytes = [bom, body].concat();
                let ours = decode(&bytes);
                let (theirs, had_errors) = encoding.decode_without_bom_handling(body);
                assert_eq!(ours.text, theirs, "{} {body:x?}", encoding.name());
                assert_eq!(ours.encoding, encoding.name());
                assert_eq!(ours.notice.is_some(), had_errors, "{body:x?}");
            }
        }
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
