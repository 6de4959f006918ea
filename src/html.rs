//! HTML to plain text for pasted web pages and opened `.html` files.
//!
//! A small hand-written tokenizer, one forward pass, linear in the input: html5ever would
//! weigh more than the rest of the wasm bundle, and we only need the text, not a DOM. The
//! output is what the structure pass reads: h1–h6 become Markdown heading lines ("## "),
//! block elements become paragraphs separated by a blank line, list items become "- " lines,
//! and everything a reader would not call the article (scripts, styles, navigation, asides,
//! forms, figure captions, ad slots, share bars, comments, attributes) vanishes.
//!
//! Untrusted input: the result is plain text meant for `set_text_content`; no markup survives,
//! and the pass never panics (every index it slices at is an ASCII byte it found itself).

/// Plain text of an HTML document or fragment: headings and paragraphs become lines; scripts,
/// styles, navigation and page debris are dropped. Never panics; linear time.
pub fn to_text(html: &str) -> String {
    let (text, n_dropped_words) = convert(html, true);
    // Class names are a guess: a wrapper called "has-ads" or "promo-layout" must not take the
    // article with it. When the class rules dropped most of the words, do without them.
    let n_kept_words = text.split_whitespace().count();
    if n_dropped_words > 0 && n_kept_words * 10 < (n_kept_words + n_dropped_words) * 3 {
        return convert(html, false).0;
    }
    text
}

/// One pass; returns the text and the number of words dropped by class/id rules only.
fn convert(html: &str, class_rules: bool) -> (String, usize) {
    let mut p = Parser {
        html,
        out: Out::with_capacity(html.len() / 2),
        stack: Vec::new(),
        skip_from: None,
        skip_by_class: false,
        class_rules,
        n_class_dropped_words: 0,
        has_article: contains_ignore_case(html.as_bytes(), b"<article")
            || contains_ignore_case(html.as_bytes(), b"<main"),
        n_article_open: 0,
    };
    p.run();
    (p.out.finish(), p.n_class_dropped_words)
}

/// How far an end tag may look down the open-element stack for its start tag. Bounds the work
/// per end tag so `<div>` × n followed by `</span>` × n stays linear; real pages nest far less.
const MAX_END_TAG_SEARCH: usize = 64;

/// Tag names are compared on at most this many bytes (longer custom element names are
/// truncated, which only makes two such names compare equal).
const NAME_CAP: usize = 24;

#[derive(Clone, Copy, PartialEq, Eq)]
struct Name {
    bytes: [u8; NAME_CAP],
    len: u8,
}

impl Name {
    fn new(raw: &[u8]) -> Name {
        let mut bytes = [0u8; NAME_CAP];
        let len = raw.len().min(NAME_CAP);
        for (dst, src) in bytes.iter_mut().zip(raw) {
            *dst = src.to_ascii_lowercase();
        }
        Name {
            bytes,
            len: len as u8,
        }
    }

    fn as_str(&self) -> &str {
        std::str::from_utf8(&self.bytes[..self.len as usize]).unwrap_or("")
    }
}

struct Open {
    name: Name,
}

/// Where the text goes, with the pending separator decided lazily so empty elements leave no
/// blank lines behind.
struct Out {
    s: String,
    pending: Break,
    /// Prefix for the next block's first character ("## ", "- ").
    prefix: &'static str,
    /// Length of `s` before the current block's separator, to drop the block if it is debris.
    block_cut: usize,
    /// Where the current block's text starts in `s`.
    block_text: usize,
    /// Inside `<pre>`: keep whitespace as it is.
    pre_depth: usize,
    /// Inside h1–h6: line breaks become spaces so the heading stays on one line.
    heading_depth: usize,
}

#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Break {
    None,
    Space,
    Line,
    Paragraph,
}

impl Out {
    fn with_capacity(n: usize) -> Out {
        Out {
            s: String::with_capacity(n),
            pending: Break::None,
            prefix: "",
            block_cut: 0,
            block_text: 0,
            pre_depth: 0,
            heading_depth: 0,
        }
    }

    fn request(&mut self, b: Break) {
        if b == Break::Paragraph {
            self.end_block();
        }
        if b == Break::Line && self.heading_depth > 0 {
            self.pending = self.pending.max(Break::Space);
        } else {
            self.pending = self.pending.max(b);
        }
    }

    /// Drops the block just finished when it is only page furniture ("Advertisement").
    fn end_block(&mut self) {
        if self.block_text >= self.s.len() {
            return;
        }
        let text = self.s.get(self.block_text..).unwrap_or("");
        if is_debris(text) {
            self.s.truncate(self.block_cut);
            self.block_text = self.s.len();
        }
    }

    fn push_char(&mut self, c: char) {
        if self.pre_depth == 0 && c.is_whitespace() {
            self.pending = self.pending.max(Break::Space);
            return;
        }
        if self.pre_depth > 0 && c == '\n' {
            self.pending = self.pending.max(Break::Line);
            return;
        }
        self.flush();
        self.s.push(c);
    }

    fn flush(&mut self) {
        let at_start = self.s.is_empty();
        match self.pending {
            Break::Paragraph if !at_start => {
                self.block_cut = self.s.len();
                self.s.push_str("\n\n");
                self.block_text = self.s.len();
            }
            Break::Paragraph => {
                self.block_cut = 0;
                self.block_text = 0;
            }
            Break::Line if !at_start => self.s.push('\n'),
            Break::Space if !at_start && !self.s.ends_with('\n') => self.s.push(' '),
            _ => {}
        }
        if self.pending != Break::None || at_start {
            if !self.prefix.is_empty() && (self.pending >= Break::Line || at_start) {
                self.s.push_str(self.prefix);
                self.block_text = self.s.len();
            }
            self.prefix = "";
        }
        self.pending = Break::None;
    }

    fn finish(mut self) -> String {
        self.end_block();
        let end = self.s.trim_end().len();
        self.s.truncate(end);
        self.s
    }
}

/// Whole blocks that are page furniture, compared case-insensitively without final
/// punctuation. Only short exact lines: "Advertisement" inside a sentence stays.
fn is_debris(block: &str) -> bool {
    const DEBRIS: &[&str] = &[
        "advertisement",
        "advertisement - scroll to continue",
        "skip advertisement",
        "story continues below advertisement",
        "article continues below advertisement",
        "sponsored",
        "share",
        "share this",
        "share this article",
        "share this story",
        "share this page",
        "share on facebook",
        "share on twitter",
        "share on x",
        "share on linkedin",
        "share on whatsapp",
        "share via email",
        "copy link",
        "copy link to clipboard",
        "link copied",
        "skip to main content",
        "skip to content",
        "read more",
        "continue reading",
        "related articles",
        "related stories",
        "more on this story",
    ];
    let t = block.trim().trim_end_matches(['.', ':', '!', '…']).trim();
    if t.len() > 40 {
        return false;
    }
    let t = t.strip_prefix("- ").unwrap_or(t);
    DEBRIS.iter().any(|d| d.eq_ignore_ascii_case(t))
}

/// Elements whose content is raw text up to the matching end tag, dropped whole. `noscript`
/// is raw text in a browser with scripting on, which is what the paste came from.
const RAW_TEXT: &[&str] = &[
    "script",
    "style",
    "title",
    "textarea",
    "xmp",
    "iframe",
    "noembed",
    "noframes",
    "noscript",
    "plaintext",
];

/// Elements dropped with everything inside them.
const SKIPPED: &[&str] = &[
    "head",
    "template",
    "nav",
    "aside",
    "form",
    "button",
    "select",
    "svg",
    "math",
    "figcaption",
    "footer",
    "object",
    "canvas",
    "audio",
    "video",
    "picture",
    "dialog",
    "menu",
];

/// Elements that never have an end tag.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "keygen",
];

/// Elements that start and end a paragraph.
const BLOCK: &[&str] = &[
    "address",
    "article",
    "blockquote",
    "body",
    "caption",
    "center",
    "dd",
    "details",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figure",
    "header",
    "hgroup",
    "hr",
    "html",
    "legend",
    "li",
    "main",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "tbody",
    "tfoot",
    "thead",
    "ul",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
];

/// Elements whose class/id/role never mark them as debris: a `<body class="has-sidebar">` must
/// not take the article with it.
const NEVER_DEBRIS: &[&str] = &["html", "body", "main", "article"];

fn heading_level(name: &str) -> Option<u8> {
    match name {
        "h1" => Some(1),
        "h2" => Some(2),
        "h3" => Some(3),
        "h4" => Some(4),
        "h5" => Some(5),
        "h6" => Some(6),
        _ => None,
    }
}

fn heading_prefix(level: u8) -> &'static str {
    match level {
        1 => "# ",
        2 => "## ",
        3 => "### ",
        4 => "#### ",
        5 => "##### ",
        _ => "###### ",
    }
}

/// The attributes that decide whether an element is debris; all others are ignored.
#[derive(Default)]
struct Attrs<'a> {
    class: &'a str,
    id: &'a str,
    role: &'a str,
    hidden: bool,
}

impl Attrs<'_> {
    fn is_debris(&self) -> bool {
        if self.hidden {
            return true;
        }
        let role = self.role.trim();
        const ROLES: &[&str] = &[
            "navigation",
            "banner",
            "complementary",
            "contentinfo",
            "search",
            "menu",
            "menubar",
            "toolbar",
            "dialog",
            "alertdialog",
        ];
        ROLES.iter().any(|r| r.eq_ignore_ascii_case(role))
    }

    fn is_class_debris(&self) -> bool {
        self.class.split_ascii_whitespace().any(is_debris_class) || is_debris_class(self.id.trim())
    }
}

/// A class name (or id) that marks ads, share bars, newsletters, related links, navigation and
/// captions. Words anywhere in the name for the unmistakable ones ("article-ad-slot"); the
/// first word only for the ones that also name wrappers ("nav-menu" yes, "has-menu" no).
fn is_debris_class(name: &str) -> bool {
    const ANYWHERE: &[&str] = &[
        "ad",
        "ads",
        "adslot",
        "adunit",
        "advert",
        "adverts",
        "advertisement",
        "advertising",
        "share",
        "sharing",
        "sharebar",
        "social",
        "newsletter",
        "promo",
        "breadcrumb",
        "breadcrumbs",
        "cookie",
        "cookies",
        "outbrain",
        "taboola",
        "sponsored",
        "caption",
        "figcaption",
    ];
    const FIRST: &[&str] = &[
        "nav",
        "navbar",
        "navigation",
        "menu",
        "sidebar",
        "related",
        "recommended",
        "comments",
        "footer",
        "masthead",
        "subscribe",
        "signup",
        "skip",
        "popup",
        "modal",
        "toolbar",
    ];
    let mut words = name
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty());
    let Some(first) = words.next() else {
        return false;
    };
    let hit = |list: &[&str], w: &str| list.iter().any(|d| d.eq_ignore_ascii_case(w));
    if hit(FIRST, first) {
        return true;
    }
    // "visually-hidden"/"sr-only" text is for screen readers ("Image caption", "Share").
    if first.eq_ignore_ascii_case("visually") || first.eq_ignore_ascii_case("sr") {
        return words.any(|w| w.eq_ignore_ascii_case("hidden") || w.eq_ignore_ascii_case("only"));
    }
    hit(ANYWHERE, first) || words.any(|w| hit(ANYWHERE, w))
}

struct Parser<'a> {
    html: &'a str,
    out: Out,
    stack: Vec<Open>,
    /// Stack depth of the outermost dropped element; text is suppressed while it is open.
    skip_from: Option<usize>,
    /// The outermost dropped element was dropped for its class or id alone.
    skip_by_class: bool,
    /// Whether class and id names may mark debris.
    class_rules: bool,
    /// Words of text dropped only because of a class or id name.
    n_class_dropped_words: usize,
    /// The page marks its article (`<article>`/`<main>`): a `<header>` outside it is the
    /// site's masthead, not the article's headline block.
    has_article: bool,
    /// Open `<article>`/`<main>` elements.
    n_article_open: usize,
}

impl<'a> Parser<'a> {
    fn run(&mut self) {
        let b = self.html.as_bytes();
        let mut i = 0;
        while i < b.len() {
            let next = b[i..]
                .iter()
                .position(|&c| c == b'<' || c == b'&')
                .map_or(b.len(), |k| i + k);
            self.text(self.html.get(i..next).unwrap_or(""));
            if next >= b.len() {
                break;
            }
            i = if b[next] == b'&' {
                self.entity(next)
            } else {
                self.markup(next)
            };
        }
    }

    fn suppressed(&self) -> bool {
        self.skip_from.is_some()
    }

    fn text(&mut self, s: &str) {
        if self.suppressed() {
            if self.skip_by_class {
                self.n_class_dropped_words += s.split_whitespace().count();
            }
            return;
        }
        for c in s.chars() {
            self.push(c);
        }
    }

    fn push(&mut self, c: char) {
        match c {
            // Invisible or formatting characters that pasted HTML carries around.
            '\u{AD}' | '\u{200B}' | '\u{FEFF}' => {}
            '\u{A0}' => self.out.push_char(' '),
            '\r' => self.out.push_char('\n'),
            _ => self.out.push_char(c),
        }
    }

    /// Decodes the character reference at `at` (a '&'), returns where to continue.
    fn entity(&mut self, at: usize) -> usize {
        let (c, end) = decode_entity(self.html, at);
        if !self.suppressed() {
            self.push(c.unwrap_or('&'));
        }
        end
    }

    /// Handles the markup starting at `at` (a '<'), returns where to continue.
    fn markup(&mut self, at: usize) -> usize {
        let b = self.html.as_bytes();
        let rest = &b[at..];
        match rest.get(1) {
            Some(b'!') => {
                if rest.starts_with(b"<!--") {
                    // "<!-->" and "<!--->" are complete (empty) comments.
                    let body = at + 4;
                    for empty in [&b">"[..], b"->"] {
                        if b[body..].starts_with(empty) {
                            return body + empty.len();
                        }
                    }
                    find(b, body, b"-->").map_or(b.len(), |k| k + 3)
                } else if rest.len() >= 9 && rest[2..9].eq_ignore_ascii_case(b"[CDATA[") {
                    find(b, at + 9, b"]]>").map_or(b.len(), |k| k + 3)
                } else {
                    find(b, at + 2, b">").map_or(b.len(), |k| k + 1)
                }
            }
            Some(b'?') => find(b, at + 2, b">").map_or(b.len(), |k| k + 1),
            Some(b'/') => match rest.get(2) {
                Some(c) if c.is_ascii_alphabetic() => {
                    let name_end = name_end(b, at + 2);
                    let name = Name::new(&b[at + 2..name_end]);
                    self.end_tag(name);
                    find(b, name_end, b">").map_or(b.len(), |k| k + 1)
                }
                // "</>" is ignored; "</3" and such are bogus comments.
                _ => find(b, at + 2, b">").map_or(b.len(), |k| k + 1),
            },
            Some(c) if c.is_ascii_alphabetic() => self.start_tag(at),
            _ => {
                if !self.suppressed() {
                    self.push('<');
                }
                at + 1
            }
        }
    }

    fn start_tag(&mut self, at: usize) -> usize {
        let b = self.html.as_bytes();
        let name_end = name_end(b, at + 1);
        let name = Name::new(&b[at + 1..name_end]);
        let (attrs, self_closing, end) = self.attributes(name_end);
        let n = name.as_str();
        if RAW_TEXT.contains(&n) {
            if n == "plaintext" {
                return b.len();
            }
            return skip_raw_text(b, end, n.as_bytes());
        }
        if VOID.contains(&n) {
            if !self.suppressed() {
                match n {
                    "br" => self.out.request(Break::Line),
                    "hr" => self.out.request(Break::Paragraph),
                    _ => {}
                }
            }
            return end;
        }
        // Optional end tags: a new paragraph or list item closes the open one.
        if let Some(top) = self.stack.last() {
            let t = top.name.as_str();
            let closes = match n {
                "p" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "ul" | "ol" | "div" | "table"
                | "blockquote" | "section" | "pre" => t == "p",
                "li" => t == "li" || t == "p",
                "dt" | "dd" => t == "dt" || t == "dd",
                "tr" => t == "tr" || t == "td" || t == "th",
                "td" | "th" => t == "td" || t == "th",
                "option" => t == "option",
                _ => false,
            };
            if closes {
                self.pop_to(self.stack.len() - 1);
            }
        }
        if self_closing && !BLOCK.contains(&n) && !SKIPPED.contains(&n) {
            return end;
        }
        let masthead = n == "header" && self.has_article && self.n_article_open == 0;
        let always = NEVER_DEBRIS.contains(&n);
        let debris = SKIPPED.contains(&n) || masthead || (!always && attrs.is_debris());
        let by_class = !debris && !always && self.class_rules && attrs.is_class_debris();
        if n == "article" || n == "main" {
            self.n_article_open += 1;
        }
        if (debris || by_class) && self.skip_from.is_none() {
            self.skip_from = Some(self.stack.len());
            self.skip_by_class = by_class;
        }
        self.stack.push(Open { name });
        if !self.suppressed() {
            self.open_effect(n);
        }
        if self_closing {
            self.pop_to(self.stack.len() - 1);
        }
        end
    }

    fn open_effect(&mut self, n: &str) {
        if let Some(level) = heading_level(n) {
            self.out.request(Break::Paragraph);
            self.out.prefix = heading_prefix(level);
            self.out.heading_depth += 1;
        } else if n == "li" {
            self.out.request(Break::Paragraph);
            self.out.prefix = "- ";
        } else if n == "pre" {
            self.out.request(Break::Paragraph);
            self.out.pre_depth += 1;
        } else if BLOCK.contains(&n) {
            self.out.request(Break::Paragraph);
        } else if n == "tr" {
            self.out.request(Break::Line);
        } else if n == "td" || n == "th" {
            self.out.request(Break::Space);
        }
    }

    fn close_effect(&mut self, n: &str) {
        if heading_level(n).is_some() {
            self.out.heading_depth = self.out.heading_depth.saturating_sub(1);
            self.out.prefix = "";
            self.out.request(Break::Paragraph);
        } else if n == "pre" {
            self.out.pre_depth = self.out.pre_depth.saturating_sub(1);
            self.out.request(Break::Paragraph);
        } else if BLOCK.contains(&n) {
            self.out.prefix = "";
            self.out.request(Break::Paragraph);
        } else if n == "tr" {
            self.out.request(Break::Line);
        }
    }

    fn end_tag(&mut self, name: Name) {
        let depth = self.stack.len();
        let lowest = depth.saturating_sub(MAX_END_TAG_SEARCH);
        if let Some(k) = (lowest..depth).rev().find(|&k| self.stack[k].name == name) {
            self.pop_to(k);
        } else if !self.suppressed() && name.as_str() == "p" {
            // A stray "</p>" still ends a paragraph in a browser.
            self.out.request(Break::Paragraph);
        } else if !self.suppressed() && name.as_str() == "br" {
            self.out.request(Break::Line);
        }
    }

    /// Closes the elements at stack index `k` and above.
    fn pop_to(&mut self, k: usize) {
        while self.stack.len() > k {
            let Some(open) = self.stack.pop() else {
                break;
            };
            if matches!(open.name.as_str(), "article" | "main") {
                self.n_article_open = self.n_article_open.saturating_sub(1);
            }
            if !self.suppressed() {
                self.close_effect(open.name.as_str());
            }
            if self.skip_from.is_some_and(|s| self.stack.len() <= s) {
                self.skip_from = None;
                self.skip_by_class = false;
            }
        }
    }

    /// Reads the attributes from `i` (just after the tag name) to the closing '>'. Returns the
    /// few attributes we look at, whether the tag ends in "/>", and where the tag ends.
    fn attributes(&self, mut i: usize) -> (Attrs<'a>, bool, usize) {
        let html = self.html;
        let b = html.as_bytes();
        let mut attrs = Attrs::default();
        let mut self_closing = false;
        loop {
            while i < b.len() && (b[i].is_ascii_whitespace() || b[i] == b'/') {
                self_closing = b[i] == b'/';
                i += 1;
            }
            if i >= b.len() {
                return (attrs, false, b.len());
            }
            if b[i] == b'>' {
                return (attrs, self_closing, i + 1);
            }
            self_closing = false;
            let start = i;
            i += 1; // An attribute name may start with '=' (a parse error, but it is a name).
            while i < b.len() && !matches!(b[i], b'=' | b'>' | b'/') && !b[i].is_ascii_whitespace()
            {
                i += 1;
            }
            let key = &b[start..i];
            while i < b.len() && b[i].is_ascii_whitespace() {
                i += 1;
            }
            let mut value = "";
            if b.get(i) == Some(&b'=') {
                i += 1;
                while i < b.len() && b[i].is_ascii_whitespace() {
                    i += 1;
                }
                match b.get(i) {
                    Some(&q) if q == b'"' || q == b'\'' => {
                        let v_end = b[i + 1..]
                            .iter()
                            .position(|&c| c == q)
                            .map_or(b.len(), |k| i + 1 + k);
                        value = html.get(i + 1..v_end).unwrap_or("");
                        i = (v_end + 1).min(b.len());
                    }
                    _ => {
                        let v_start = i;
                        while i < b.len() && b[i] != b'>' && !b[i].is_ascii_whitespace() {
                            i += 1;
                        }
                        value = html.get(v_start..i).unwrap_or("");
                    }
                }
            }
            if key.eq_ignore_ascii_case(b"class") {
                attrs.class = value;
            } else if key.eq_ignore_ascii_case(b"id") {
                attrs.id = value;
            } else if key.eq_ignore_ascii_case(b"role") {
                attrs.role = value;
            } else if key.eq_ignore_ascii_case(b"hidden") {
                attrs.hidden = true;
            } else if key.eq_ignore_ascii_case(b"aria-hidden") {
                attrs.hidden |= value.trim().eq_ignore_ascii_case("true");
            } else if key.eq_ignore_ascii_case(b"style") {
                attrs.hidden |= is_display_none(value);
            }
        }
    }
}

/// `style` values that hide the element ("display: none", "visibility:hidden").
fn is_display_none(style: &str) -> bool {
    let mut squeezed = String::with_capacity(style.len().min(256));
    for c in style.chars().take(256) {
        if !c.is_whitespace() {
            squeezed.push(c.to_ascii_lowercase());
        }
    }
    squeezed.contains("display:none") || squeezed.contains("visibility:hidden")
}

fn contains_ignore_case(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len())
        .any(|w| w.eq_ignore_ascii_case(needle))
}

/// End of a tag name starting at `i`.
fn name_end(b: &[u8], mut i: usize) -> usize {
    while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'/' && b[i] != b'>' {
        i += 1;
    }
    i
}

/// Position of `needle` in `hay` at or after `from`.
fn find(hay: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    hay.get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|k| from + k)
}

/// Skips raw text from `i` to just after "</name>" (case-insensitive); the end of the input
/// when there is none.
fn skip_raw_text(b: &[u8], mut i: usize, name: &[u8]) -> usize {
    while let Some(k) = find(b, i, b"</") {
        let after = k + 2 + name.len();
        let matches_name = b
            .get(k + 2..after)
            .is_some_and(|n| n.eq_ignore_ascii_case(name));
        let delimited = matches!(
            b.get(after),
            None | Some(b'>' | b'/' | b' ' | b'\t' | b'\n' | b'\r' | b'\x0c')
        );
        if matches_name && delimited {
            return find(b, after, b">").map_or(b.len(), |e| e + 1);
        }
        i = k + 2;
    }
    b.len()
}

/// Decodes the character reference at `at` (a '&'). Returns the character(s) and where the
/// reference ends; `None` when it is not one (the '&' is then literal).
fn decode_entity(html: &str, at: usize) -> (Option<char>, usize) {
    let b = html.as_bytes();
    let literal = (None, at + 1);
    if b.get(at + 1) == Some(&b'#') {
        let (hex, digits_at) = match b.get(at + 2) {
            Some(b'x' | b'X') => (true, at + 3),
            _ => (false, at + 2),
        };
        let mut i = digits_at;
        let mut value: u32 = 0;
        while i < b.len() {
            let d = match (b[i] as char).to_digit(if hex { 16 } else { 10 }) {
                Some(d) => d,
                None => break,
            };
            // Saturate: "&#99999999999;" is out of range either way.
            value = value
                .saturating_mul(if hex { 16 } else { 10 })
                .saturating_add(d);
            i += 1;
        }
        if i == digits_at {
            return literal;
        }
        if b.get(i) == Some(&b';') {
            i += 1;
        }
        return (Some(numeric_char(value)), i);
    }
    let start = at + 1;
    let mut i = start;
    while i < b.len() && b[i].is_ascii_alphanumeric() && i - start < 32 {
        i += 1;
    }
    let name = html.get(start..i).unwrap_or("");
    let with_semicolon = b.get(i) == Some(&b';');
    if let Some(e) = named_entity(name) {
        return (Some(e), if with_semicolon { i + 1 } else { i });
    }
    literal
}

/// The character a numeric reference stands for, with the HTML rules for bad values: C1
/// controls mean their Windows-1252 characters ("&#146;" is ’), the rest becomes U+FFFD.
fn numeric_char(value: u32) -> char {
    if let Some(&c) = value
        .checked_sub(0x80)
        .and_then(|i| C1_REPLACEMENTS.get(i as usize))
    {
        return c;
    }
    match value {
        0 => '\u{FFFD}',
        _ => char::from_u32(value).unwrap_or('\u{FFFD}'),
    }
}

/// The HTML standard's table for numeric references to 0x80..=0x9F ("numeric character
/// reference end state"): Windows-1252's characters, the five it leaves undefined kept as
/// they are. A test checks it against `encoding_rs`'s Windows-1252.
const C1_REPLACEMENTS: [char; 32] = [
    '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8D}', 'Ž', '\u{8F}',
    '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9D}', 'ž', 'Ÿ',
];

/// The named references pasted news pages use; an unknown name stays literal text.
fn named_entity(name: &str) -> Option<char> {
    let c = match name {
        "amp" | "AMP" => '&',
        "lt" | "LT" => '<',
        "gt" | "GT" => '>',
        "quot" | "QUOT" => '"',
        "apos" => '\'',
        "nbsp" => '\u{A0}',
        "ensp" | "emsp" | "thinsp" | "hairsp" | "numsp" | "puncsp" => ' ',
        "ndash" => '–',
        "mdash" => '—',
        "minus" => '−',
        "hyphen" | "dash" => '‐',
        "lsquo" => '‘',
        "rsquo" | "rsquor" => '’',
        "sbquo" => '‚',
        "ldquo" => '“',
        "rdquo" | "rdquor" => '”',
        "bdquo" => '„',
        "laquo" => '«',
        "raquo" => '»',
        "lsaquo" => '‹',
        "rsaquo" => '›',
        "hellip" => '…',
        "bull" => '•',
        "middot" => '·',
        "prime" => '′',
        "Prime" => '″',
        "dagger" => '†',
        "Dagger" => '‡',
        "permil" => '‰',
        "copy" | "COPY" => '©',
        "reg" | "REG" => '®',
        "trade" => '™',
        "deg" => '°',
        "pound" => '£',
        "euro" => '€',
        "yen" => '¥',
        "cent" => '¢',
        "curren" => '¤',
        "sect" => '§',
        "para" => '¶',
        "times" => '×',
        "divide" => '÷',
        "plusmn" => '±',
        "frac12" => '½',
        "frac14" => '¼',
        "frac34" => '¾',
        "sup1" => '¹',
        "sup2" => '²',
        "sup3" => '³',
        "micro" => 'µ',
        "not" => '¬',
        "iexcl" => '¡',
        "iquest" => '¿',
        "ordf" => 'ª',
        "ordm" => 'º',
        "acute" => '´',
        "uml" => '¨',
        "cedil" => '¸',
        "macr" => '¯',
        "brvbar" => '¦',
        "shy" => '\u{AD}',
        "zwj" => '\u{200D}',
        "zwnj" => '\u{200C}',
        "lrm" => '\u{200E}',
        "rlm" => '\u{200F}',
        "circ" => 'ˆ',
        "tilde" => '˜',
        "fnof" => 'ƒ',
        "larr" => '←',
        "rarr" => '→',
        "uarr" => '↑',
        "darr" => '↓',
        "check" => '✓',
        "star" => '☆',
        "starf" => '★',
        "Agrave" => 'À',
        "Aacute" => 'Á',
        "Acirc" => 'Â',
        "Atilde" => 'Ã',
        "Auml" => 'Ä',
        "Aring" => 'Å',
        "AElig" => 'Æ',
        "Ccedil" => 'Ç',
        "Egrave" => 'È',
        "Eacute" => 'É',
        "Ecirc" => 'Ê',
        "Euml" => 'Ë',
        "Igrave" => 'Ì',
        "Iacute" => 'Í',
        "Icirc" => 'Î',
        "Iuml" => 'Ï',
        "ETH" => 'Ð',
        "Ntilde" => 'Ñ',
        "Ograve" => 'Ò',
        "Oacute" => 'Ó',
        "Ocirc" => 'Ô',
        "Otilde" => 'Õ',
        "Ouml" => 'Ö',
        "Oslash" => 'Ø',
        "Ugrave" => 'Ù',
        "Uacute" => 'Ú',
        "Ucirc" => 'Û',
        "Uuml" => 'Ü',
        "Yacute" => 'Ý',
        "THORN" => 'Þ',
        "szlig" => 'ß',
        "agrave" => 'à',
        "aacute" => 'á',
        "acirc" => 'â',
        "atilde" => 'ã',
        "auml" => 'ä',
        "aring" => 'å',
        "aelig" => 'æ',
        "ccedil" => 'ç',
        "egrave" => 'è',
        "eacute" => 'é',
        "ecirc" => 'ê',
        "euml" => 'ë',
        "igrave" => 'ì',
        "iacute" => 'í',
        "icirc" => 'î',
        "iuml" => 'ï',
        "eth" => 'ð',
        "ntilde" => 'ñ',
        "ograve" => 'ò',
        "oacute" => 'ó',
        "ocirc" => 'ô',
        "otilde" => 'õ',
        "ouml" => 'ö',
        "oslash" => 'ø',
        "ugrave" => 'ù',
        "uacute" => 'ú',
        "ucirc" => 'û',
        "uuml" => 'ü',
        "yacute" => 'ý',
        "thorn" => 'þ',
        "yuml" => 'ÿ',
        "Yuml" => 'Ÿ',
        "OElig" => 'Œ',
        "oelig" => 'œ',
        "Scaron" => 'Š',
        "scaron" => 'š',
        "Zcaron" => 'Ž',
        "zcaron" => 'ž',
        "Alpha" => 'Α',
        "alpha" => 'α',
        "Beta" => 'Β',
        "beta" => 'β',
        "Gamma" => 'Γ',
        "gamma" => 'γ',
        "Delta" => 'Δ',
        "delta" => 'δ',
        "pi" => 'π',
        "mu" => 'μ',
        "Omega" => 'Ω',
        "omega" => 'ω',
        "sigma" => 'σ',
        "Sigma" => 'Σ',
        "lambda" => 'λ',
        "theta" => 'θ',
        "NewLine" => '\n',
        "Tab" => '\t',
        _ => return None,
    };
    Some(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn c1_references_are_windows_1252_characters() {
        for value in 0x80..=0x9Fu32 {
            let byte = [value as u8];
            let (want, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(&byte);
            assert_eq!(numeric_char(value).to_string(), want, "&#{value};");
        }
        assert_eq!(numeric_char(0x7F), '\u{7F}');
        assert_eq!(numeric_char(0xA0), '\u{A0}');
        assert_eq!(numeric_char(0xD800), '\u{FFFD}');
    }

    #[test]
    fn headings_paragraphs_and_lists() {
        let html = "<h1>Title</h1><p>One\n  two.</p><h2>Sub <em>head</em></h2>\
                    <ul><li>a<li>b</ul><p>x<br>y</p>";
        assert_eq!(
            to_text(html),
            "# Title\n\nOne two.\n\n## Sub head\n\n- a\n\n- b\n\nx\ny"
        );
    }

    #[test]
    fn entities_decode_and_unknown_ones_stay() {
        assert_eq!(
            to_text("a &amp; b &lt;c&gt; it&#8217;s &#x2014; &#146; &nbsp;&bogus; AT&T &#0;"),
            "a & b <c> it’s — ’ &bogus; AT&T \u{FFFD}"
        );
        assert_eq!(to_text("&#99999999999999999999;"), "\u{FFFD}");
        assert_eq!(to_text("&#xD800;x"), "\u{FFFD}x");
        assert_eq!(to_text("&eacute&copy;"), "é©");
        assert_eq!(to_text("&"), "&");
        assert_eq!(to_text("&#"), "&#");
    }

    #[test]
    fn dropped_elements_take_their_content() {
        let html = "<p>keep</p><script>alert('</p>no')</script><style>p{}</style>\
                    <nav><a>Home</a></nav><aside>side</aside><form><button>Go</button></form>\
                    <figure><img src=x onerror=alert(1)><figcaption>Cap</figcaption></figure>\
                    <!-- comment <p>no</p> --><p>end</p>";
        assert_eq!(to_text(html), "keep\n\nend");
    }

    #[test]
    fn raw_text_end_tag_must_match_the_name() {
        assert_eq!(
            to_text("<script>var s = '</scripts>'; </SCRIPT >after"),
            "after"
        );
        assert_eq!(to_text("<script>never closed <p>text"), "");
        assert_eq!(to_text("<title>T</title><p>x"), "x");
    }

    #[test]
    fn debris_classes_and_blocks() {
        let html = "<div class=\"ad-slot\"><p>Buy now</p></div>\
                    <div class='share-tools'><a>Facebook</a></div>\
                    <p>Advertisement</p><p>Body text.</p><p>ADVERTISEMENT</p>\
                    <div class=\"has-menu article-body\"><p>Kept.</p></div>\
                    <span class=\"visually-hidden\">Image caption</span>\
                    <div role=navigation>Links</div><div hidden>h</div>\
                    <div style=\"display: none\">n</div><p aria-hidden=true>a</p>";
        assert_eq!(to_text(html), "Body text.\n\nKept.");
    }

    #[test]
    fn debris_class_words() {
        for yes in [
            "ad",
            "ad-slot",
            "article-ad",
            "share_bar",
            "nav-menu",
            "sr-only",
        ] {
            assert!(is_debris_class(yes), "{yes}");
        }
        for no in [
            "header",
            "shadow",
            "has-menu",
            "article-body",
            "shared",
            "readmore",
            "sr",
        ] {
            assert!(!is_debris_class(no), "{no}");
        }
    }

    #[test]
    fn an_unlucky_wrapper_class_does_not_take_the_article() {
        let body = "<p>The council voted on Monday to rebuild the harbour wall at a cost of four million pounds.</p>".repeat(3);
        let html = format!(
            "<div class=\"layout-with-ads\">{body}</div><div class=\"ad\"><p>Buy</p></div>"
        );
        let text = to_text(&html);
        assert!(text.starts_with("The council voted"), "{text}");
        assert_eq!(text.matches("The council").count(), 3);
        // A real ad beside a real article still goes.
        let html = format!("{body}<div class=\"ad\"><p>Buy one, get one free today</p></div>");
        assert!(!to_text(&html).contains("Buy"));
    }

    #[test]
    fn body_class_never_drops_the_page() {
        assert_eq!(
            to_text("<body class=\"cookie-consent has-sidebar\"><p>Text</p></body>"),
            "Text"
        );
    }

    #[test]
    fn malformed_markup_never_panics_and_keeps_text() {
        for html in [
            "<",
            "<<",
            "<a",
            "<a href=\"",
            "<a href='x",
            "</",
            "</a",
            "<!--",
            "<!-",
            "<!",
            "<?",
            "<![CDATA[",
            "a < b",
            "x <3 y",
            "&#x;",
            "<p/>t",
            "<br/>t",
            "<div/>t",
            "</p>t",
            "<é>",
            "<a\u{0}b>c",
            "<p class=>t</p>",
            "<p =x>t",
            "<<p>>t",
        ] {
            let _ = to_text(html);
        }
        assert_eq!(to_text("a < b and c <3 d"), "a < b and c <3 d");
        assert_eq!(to_text("</p>t"), "t");
        assert_eq!(to_text("<!-->x"), "x");
    }

    #[test]
    fn pre_keeps_lines_and_headings_stay_on_one_line() {
        assert_eq!(to_text("<pre>a\n  b</pre>"), "a\n  b");
        assert_eq!(to_text("<h2>Two<br>lines</h2><p>x"), "## Two lines\n\nx");
        assert_eq!(to_text("<h3></h3><p>x"), "x");
    }

    #[test]
    fn deep_nesting_stays_linear() {
        let n = 200_000;
        let html = "<div>".repeat(n) + "x" + &"</span>".repeat(n);
        let t = std::time::Instant::now();
        assert_eq!(to_text(&html), "x");
        assert!(t.elapsed().as_secs() < 5);
    }
}
