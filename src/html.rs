//! HTML to plain text for pasted web pages. PLACEHOLDER (strips tags crudely): the page issue
//! replaces it, keeping `to_text`'s signature.

/// Plain text of an HTML fragment: headings and paragraphs become lines; scripts, styles and
/// navigation are dropped. Never panics.
pub fn to_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}
