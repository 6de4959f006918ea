//! `Span`: a half-open range of UTF-8 byte offsets into the analysed text.
//!
//! Every stage of the core speaks in `Span`s. It is not `Range<usize>` because it is `Copy`,
//! half the size (texts are capped well below 4 GiB), and checks its order when built.
//! Conversion to Unicode code points happens once, in `export`.

use serde::{Deserialize, Serialize};

/// Byte offsets `[start, end)` into the text; `start <= end` always holds.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
pub struct Span {
    pub start: u32,
    pub end: u32,
}

impl Span {
    /// Builds a span, swapping the ends if they come in the wrong order so the invariant holds.
    pub fn new(start: usize, end: usize) -> Span {
        let (start, end) = if start <= end {
            (start, end)
        } else {
            (end, start)
        };
        Span {
            start: start as u32,
            end: end as u32,
        }
    }

    pub fn len(self) -> usize {
        (self.end - self.start) as usize
    }

    pub fn is_empty(self) -> bool {
        self.start == self.end
    }

    pub fn range(self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }

    /// The covered text, or "" when the span does not fall on character boundaries of `text`
    /// (never panics).
    #[inline]
    pub fn text(self, text: &str) -> &str {
        text.get(self.range()).unwrap_or("")
    }

    pub fn contains(self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    pub fn overlaps(self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// The smallest span covering both.
    pub fn cover(self, other: Span) -> Span {
        Span {
            start: self.start.min(other.start),
            end: self.end.max(other.end),
        }
    }

    /// This span with leading and trailing whitespace of `text` removed.
    pub fn trim(self, text: &str) -> Span {
        let s = self.text(text);
        let lead = s.len() - s.trim_start().len();
        let body = s.trim();
        Span::new(
            self.start as usize + lead,
            self.start as usize + lead + body.len(),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn new_orders_ends_and_text_never_panics() {
        let s = Span::new(5, 2);
        assert_eq!((s.start, s.end), (2, 5));
        assert_eq!(Span::new(0, 2).text("héllo"), ""); // ends inside the é
        assert_eq!(Span::new(0, 3).text("hello"), "hel");
        assert_eq!(Span::new(10, 20).text("short"), "");
    }

    #[test]
    fn overlap_and_containment() {
        let a = Span::new(0, 10);
        assert!(a.contains(Span::new(2, 10)));
        assert!(!a.contains(Span::new(2, 11)));
        assert!(a.overlaps(Span::new(9, 12)));
        assert!(!a.overlaps(Span::new(10, 12)));
        assert_eq!(Span::new(2, 4).cover(Span::new(8, 9)), Span::new(2, 9));
        assert_eq!(Span::new(0, 7).trim("  ab c "), Span::new(2, 6));
    }
}
