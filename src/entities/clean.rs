//! Post-processing of the tagger's name mentions: spans made to follow the news convention
//! (no leading "the", no titles or honorifics inside person names, possessive outside, no
//! office at the end of an organisation: "NASA Administrator"), "Secretary John" + "Healey"
//! and "Andy Warhol Foundation" + "for the" + "Visual Arts" errors repaired, ordinary
//! capitalised words at the start of a sentence or heading dropped ("Enhancing"), as are names
//! that only a title-case heading holds ("Military Readiness"), things
//! that are no names dropped ("US$", "QC"), places told by their head word ("Fisht
//! Stadium") and nationality from location by the gazetteer.

use super::scan::Word;
use super::titles;
use super::{EntityKind, Mention};
use crate::gazetteer;
use crate::sections::Document;
use crate::span::Span;

/// A name mention after cleaning, with the name it spells (no brackets, no honorifics).
#[derive(Clone, Debug, PartialEq)]
pub struct NameMention {
    pub span: Span,
    pub kind: EntityKind,
    pub name: String,
    /// False for mentions found by document-level consistency rather than by the tagger.
    pub from_tagger: bool,
}

/// Sentence starts of a document, for "is this word the first of its sentence?".
pub struct Sentences<'a> {
    spans: &'a [crate::span::Span],
}

impl<'a> Sentences<'a> {
    pub fn new(doc: &'a Document) -> Self {
        Sentences {
            spans: &doc.sentences,
        }
    }

    /// The sentence holding byte `pos`, or `(0, len)` when the document has none there.
    pub fn bounds(&self, pos: usize, len: usize) -> (usize, usize) {
        let i = self.spans.partition_point(|s| (s.end as usize) <= pos);
        match self.spans.get(i) {
            Some(s) if (s.start as usize) <= pos => (s.start as usize, s.end as usize),
            _ => (0, len),
        }
    }

    /// Whether a word at `pos` is the first word of a sentence, line or quotation, where
    /// every word is capitalised whatever it is.
    pub fn is_initial(&self, text: &str, pos: usize) -> bool {
        let (start, _) = self.bounds(pos, text.len());
        let head = text.get(start.min(pos)..pos).unwrap_or("");
        for c in head.chars().rev() {
            match c {
                '\n' | '.' | '!' | '?' | ':' | ';' | '•' | '—' | '–' => return true,
                ' ' | '\t' | '\r' | '"' | '“' | '‘' | '\'' | '(' | '[' | '-' | '*' | '#' => {}
                _ => return false,
            }
        }
        true
    }
}

/// Words written capitalised at the start of a sentence that are never names on their own.
const FUNCTION_WORDS: &[&str] = &[
    "the",
    "a",
    "an",
    "this",
    "that",
    "these",
    "those",
    "however",
    "while",
    "since",
    "instead",
    "nevertheless",
    "during",
    "after",
    "before",
    "when",
    "where",
    "as",
    "but",
    "and",
    "or",
    "if",
    "although",
    "though",
    "meanwhile",
    "speaking",
    "according",
    "despite",
    "under",
    "in",
    "on",
    "at",
    "for",
    "from",
    "with",
    "without",
    "by",
    "of",
    "to",
    "it",
    "he",
    "she",
    "they",
    "we",
    "i",
    "you",
    "his",
    "her",
    "their",
    "our",
    "its",
    "there",
    "here",
    "yet",
    "so",
    "then",
    "now",
    "also",
    "still",
    "such",
    "many",
    "some",
    "most",
    "all",
    "both",
    "each",
    "every",
    "other",
    "another",
    "several",
    "more",
    "less",
    "new",
    "former",
    "last",
    "next",
    "first",
    "further",
    "moreover",
    "furthermore",
    "indeed",
    "thus",
    "hence",
    "overall",
    "today",
    "yesterday",
    "tomorrow",
    "earlier",
    "later",
    "asked",
    "why",
    "what",
    "who",
    "how",
    "which",
    "not",
    "no",
    "yes",
    "only",
    "even",
    "just",
    "whether",
    "once",
    "until",
    "unless",
    "because",
    "although",
    "whereas",
    "amid",
    "among",
    "against",
    "across",
    "through",
    "over",
    "about",
    "above",
    "below",
    "between",
    "into",
    "following",
    "including",
    // Words that open a quoted reply ("Look, we have to act", "Well, it is hard").
    "well",
    "look",
    "listen",
    "maybe",
    "perhaps",
    "already",
    "again",
    "sadly",
    "oddly",
    "truly",
    "sure",
    "okay",
    "ok",
    "oh",
    "ah",
    "alas",
    "anyway",
    "besides",
    "otherwise",
    "actually",
    "please",
    "thanks",
    "sorry",
    "alright",
];

/// Cleans the tagger's name mentions of `text`; returns them in text order, not overlapping.
/// `words` is `scan::words(text)`.
pub fn clean(text: &str, doc: &Document, words: &[Word], raw: &[Mention]) -> Vec<NameMention> {
    let sentences = Sentences::new(doc);
    let mut out: Vec<NameMention> = Vec::with_capacity(raw.len());
    for m in raw.iter().filter(|m| m.kind.is_name()) {
        clean_one(text, m.span, m.kind, &mut out);
    }
    out.sort_by_key(|m| (m.span.start, std::cmp::Reverse(m.span.end)));
    out.dedup_by(|b, a| a.span.overlaps(b.span));
    let out = join_adjacent_persons(text, out);
    let out = join_of_phrases(text, out);
    let out = extend_first_names(text, &sentences, out);
    let out = drop_ordinary_words(text, &sentences, words, out);
    drop_heading_only_names(text, doc, &sentences, words, out)
}

/// Trims one tagger mention to the news convention and pushes what is left (one mention, or
/// two when an acronym in brackets follows the name).
fn clean_one(text: &str, span: Span, kind: EntityKind, out: &mut Vec<NameMention>) {
    // "North Atlantic Treaty Organization (NATO)": the acronym is a mention of its own.
    let span = span.trim(text);
    let s = span.text(text);
    if s.ends_with(')') {
        if let Some(open) = s
            .rfind(" (")
            .filter(|&open| brackets_a_name(&s[..open], &s[open + 2..]))
        {
            let inner = Span::new(span.start as usize + open + 2, span.end as usize - 1);
            let outer = Span::new(span.start as usize, span.start as usize + open);
            let n = out.len();
            clean_one(text, outer, kind, out);
            // The acronym names what the name names: "Kennedy Space Center (KSC)", a place.
            let kind = match out.get(n..).and_then(<[NameMention]>::last) {
                Some(m) if m.kind == EntityKind::Location && kind == EntityKind::Organization => {
                    m.kind
                }
                _ => kind,
            };
            clean_one(text, inner, kind, out);
            return;
        }
    }
    let mut span = trim_span(text, span);
    if span.is_empty() {
        return;
    }
    span = trim_caption_word(text, span);
    // "Western Australia and Queensland": two places the tagger read as one name.
    if let Some((a, b)) = split_places(text, span) {
        clean_one(text, a, EntityKind::Location, out);
        clean_one(text, b, EntityKind::Location, out);
        return;
    }
    let mut kind = kind;
    if kind == EntityKind::Person {
        span = strip_person_titles(text, span);
        span = include_editorial_brackets(text, span);
    }
    if matches!(kind, EntityKind::Organization | EntityKind::Location) {
        if let Some(rest) = strip_trailing_office(text, span) {
            span = rest;
            let name = name_of(span.text(text));
            if gazetteer::is_demonym(&name) && gazetteer::country_by_name(&name).is_none() {
                kind = EntityKind::Nationality;
            } else if gazetteer::is_place(&name) {
                kind = EntityKind::Location;
            }
        }
    }
    if kind == EntityKind::Organization {
        if let Some((country, rest)) = split_country_prefix(text, span) {
            clean_one(text, country, EntityKind::Location, out);
            span = rest;
        }
    }
    if span.is_empty() {
        return;
    }
    let name = name_of(span.text(text));
    if name.is_empty()
        || !name.chars().any(char::is_alphabetic)
        || is_role_word(text, span, &name)
        || is_not_a_name(text, span, &name)
    {
        return;
    }
    kind = gazetteer_kind(&name, org_by_head(&name, place_by_head(&name, kind)));
    if kind == EntityKind::Person && PARTY_WORDS.contains(&name.as_str()) {
        kind = EntityKind::Organization;
    }
    if kind != EntityKind::Person && after_honorific(text, span) {
        // "Mr German", "Ms England": a person's surname, whatever else the word can name.
        kind = EntityKind::Person;
    }
    out.push(NameMention {
        span,
        kind,
        name,
        from_tagger: true,
    });
}

/// Whether the word just before `span` is an honorific that only ever precedes a person
/// ("Mr", "Mrs", "Ms", "Dr"; not "Lord" or "Lady", which also name places and houses).
pub(super) fn after_honorific(text: &str, span: Span) -> bool {
    let before = titles::words_before(text, span.start as usize, 0, 1);
    before.first().is_some_and(|w| {
        let gap = text.get(w.end as usize..span.start as usize).unwrap_or("x");
        gap == " "
            && matches!(
                w.text(text).trim_end_matches('.').to_lowercase().as_str(),
                "mr" | "mrs" | "ms" | "miss" | "mx" | "dr" | "messrs"
            )
    })
}

/// Whether "Name (X)" holds a name of its own in the brackets: an acronym ("NATO") or a
/// longer name. One or two letters that are not the name's initial are part of the name
/// (the town of a club in results: "Mladost (BJ)", "Rad (B)").
fn brackets_a_name(outer: &str, inner: &str) -> bool {
    let inner = inner.trim_end_matches(')').trim();
    let n_letters = inner.chars().filter(|c| c.is_alphabetic()).count();
    n_letters > 2 || (n_letters == 2 && outer.trim().chars().next() == inner.chars().next())
}

/// First words of government bodies that news names after their country ("UK Ministry of
/// Defence" is the Ministry of Defence of the UK).
const GOVERNMENT_WORDS: &[&str] = &[
    "Ministry",
    "Department",
    "Foreign",
    "Home",
    "Cabinet",
    "Embassy",
    "Consulate",
    "Office",
    "Defence",
    "Defense",
];

/// "UK Ministry of Defence" -> ("UK", "Ministry of Defence"): a country name before a
/// government body is a place of its own. Company names ("China Construction Bank") keep it.
fn split_country_prefix(text: &str, span: Span) -> Option<(Span, Span)> {
    let words = words_of(text, span);
    let (first, second) = (words.first()?, words.get(1)?);
    if words.len() < 3 || !GOVERNMENT_WORDS.contains(&second.text(text)) {
        return None;
    }
    gazetteer::country_by_name(first.text(text))?;
    Some((*first, Span::new(second.start as usize, span.end as usize)))
}

/// "NASA Administrator" -> "NASA", "Los Angeles Sheriff" -> "Los Angeles": an organisation or
/// place span that ends in an office (and its modifiers) ran into a role; the role is read
/// later from the text. `None` when there is nothing to cut, or when the office follows
/// "of"/"for"/"the" and so is part of the name ("Office of the Director").
fn strip_trailing_office(text: &str, span: Span) -> Option<Span> {
    let words = words_of(text, span);
    let last = words.last()?.text(text);
    if words.len() < 2 || !titles::is_office_end(last) {
        return None;
    }
    let mut end = words.len() - 1;
    while end > 0 && titles::is_title_word(words[end - 1].text(text)) {
        end -= 1;
    }
    let before = words.get(end.checked_sub(1)?)?.text(text);
    if matches!(before, "of" | "for" | "the" | "and" | "&") {
        return None;
    }
    Some(Span::new(span.start as usize, words[end - 1].end as usize))
}

/// A one-word "name" that is an office ("CEO") or part of one ("Exchequer" in "Chancellor of
/// the Exchequer"): the tagger took a title for a name.
fn is_role_word(text: &str, span: Span, name: &str) -> bool {
    if name.contains(' ') {
        // "Home Secretary", "Prime Minister": every word from the title lexicon.
        let words: Vec<&str> = name.split(' ').collect();
        // "Department of Justice", "Justice Department", "Cabinet Office": an institution,
        // unless an office ends it ("Committee Chairman").
        let institution = words.iter().any(|w| OF_HEADS.contains(w))
            && !words.last().is_some_and(|w| titles::is_office_end(w));
        return !institution
            && words.iter().any(|w| titles::is_head(w))
            && words
                .iter()
                .all(|w| titles::is_title_word(w) || matches!(*w, "of" | "for" | "the" | "and"));
    }
    if titles::is_head(name) || titles::is_honorific(name) {
        return true;
    }
    if !titles::is_modifier(name) {
        return false;
    }
    // "Emeritus Professor John Burrows": a modifier before its office.
    let after = titles::words_after(text, span.end as usize, text.len(), 1);
    if after.first().is_some_and(|w| titles::is_head(w.text(text))) {
        return true;
    }
    let before = titles::words_before(text, span.start as usize, 0, 3);
    let mut words = before.iter().map(|w| w.text(text));
    let mut w = words.next();
    while w.is_some_and(|w| matches!(w, "of" | "the" | "for")) {
        w = words.next();
    }
    w.is_some_and(|w| titles::is_head(w) && w != before[0].text(text))
}

/// Letters written after a person's name for an honour or a rank at the bar: "Mark Tedeschi,
/// QC," names no place or organisation.
const POST_NOMINALS: &[&str] = &[
    "QC", "KC", "SC", "OBE", "MBE", "CBE", "KBE", "DBE", "PhD", "MD", "JP",
];

/// Abbreviations that news writes for ordinary things, not for anyone or anywhere: devices
/// and formats ("TV", "DVD", "3G"), diseases, offices ("MP", "CEO"), measures ("GDP", "IQ").
/// The tagger, trained on CoNLL, takes most of them for organisations. Sorted (byte order),
/// so it can be searched; a plural ("PCs", "MPs") counts as its singular.
const COMMON_ACRONYMS: &[&str] = &[
    "3D", "3G", "4G", "5G", "ADSL", "AI", "AIDS", "ATM", "Aids", "CCTV", "CD", "CDMA", "CEO", "DJ",
    "DNA", "DRM", "DSL", "DTT", "DVD", "GDP", "GPRS", "GPS", "GSM", "HD", "HDTV", "HIV", "HSDPA",
    "HTML", "ICT", "ID", "IPO", "IPTV", "IQ", "ISP", "LAN", "LCD", "LED", "MEP", "MMS", "MP",
    "MP3", "NGO", "OS", "P2P", "PC", "PDA", "PDF", "PIN", "PR", "PVR", "RFID", "SIM", "SMS", "SSL",
    "SUV", "TB", "TV", "UFO", "UMD", "URL", "USB", "UWB", "VAT", "VHS", "VoIP", "WAP", "WLAN",
    "Wi-Fi", "WiFi",
];

/// Whether a one-word mention is an ordinary thing's abbreviation (see `COMMON_ACRONYMS`).
fn is_common_acronym(name: &str) -> bool {
    let found = |w: &str| COMMON_ACRONYMS.binary_search(&w).is_ok();
    found(name) || name.strip_suffix('s').is_some_and(found)
}

/// Spans the tagger takes for names that news writes for something else: a currency's
/// country code ("US$ 20,000", "A$"), post-nominal letters ("Mark Tedeschi, QC,"), the half
/// of the day after a clock time ("08:28 AM"), a party
/// and state ("(R-Texas)"), a function word in capitals ("UNLESS"), the abbreviation of an
/// ordinary thing ("TV", "DVDs", "ID"), a religion, an award or a holiday ("Islam", "Oscar",
/// "Christmas": no person, organisation or place; holidays come back as dates).
fn is_not_a_name(text: &str, span: Span, name: &str) -> bool {
    let after = text.get(span.end as usize..).unwrap_or("");
    if after.starts_with('$') {
        return true;
    }
    let before = text.get(..span.start as usize).unwrap_or("").trim_end();
    if POST_NOMINALS.contains(&name) && before.ends_with(',') {
        return true;
    }
    // "08:28 AM", "at 10 PM": the half of the day after a clock time.
    if matches!(name, "AM" | "PM" | "A.M." | "P.M.")
        && before.ends_with(|c: char| c.is_ascii_digit())
    {
        return true;
    }
    let mut chars = name.chars();
    let party = matches!(chars.next(), Some('R' | 'D' | 'I'))
        && chars.next() == Some('-')
        && chars.next().is_some_and(char::is_uppercase)
        && !name.contains(' ');
    // Five letters at least: "WHO" and "IT" are organisations and sectors.
    let shouted = name.len() >= 5
        && !name.contains(' ')
        && name.chars().all(|c| c.is_ascii_uppercase())
        && FUNCTION_WORDS.contains(&name.to_ascii_lowercase().as_str());
    party
        || shouted
        || is_common_acronym(name)
        || RELIGIONS.contains(&name)
        || AWARDS.contains(&name)
        || super::patterns::is_holiday(name)
}

/// Awards, which the tagger reads as people ("Oscar nominations", "a Grammy"): prizes, not
/// anyone; the JSON has no kind for them.
const AWARDS: &[&str] = &[
    "Oscar",
    "Oscars",
    "Academy Award",
    "Academy Awards",
    "Grammy",
    "Grammys",
    "Emmy",
    "Emmys",
    "Bafta",
    "Baftas",
    "BAFTA",
    "BAFTAs",
    "Golden Globe",
    "Golden Globes",
];

/// Parties named by their members' word ("Tory MPs", "a Labour victory"), which the tagger
/// reads as people: the party, an organisation, as "Conservatives" is.
const PARTY_WORDS: &[&str] = &[
    "Tory",
    "Tories",
    "Labour",
    "Conservative",
    "Conservatives",
    "Lib Dem",
    "Lib Dems",
    "Liberal Democrat",
    "Liberal Democrats",
    "Republican",
    "Republicans",
    "Democrat",
    "Democrats",
];

/// Religions, which the tagger reads as people or places ("Islam's holiest site"): neither a
/// person, an organisation nor a place. Their followers ("Muslims") are a group and stay.
const RELIGIONS: &[&str] = &[
    "Islam",
    "Christianity",
    "Judaism",
    "Hinduism",
    "Buddhism",
    "Sikhism",
    "Jainism",
    "Taoism",
    "Confucianism",
    "Shinto",
    "Zoroastrianism",
    "Catholicism",
    "Protestantism",
    "Mormonism",
];

/// Words that end a picture caption's subject before its credit ("Black Widow Image: Nick
/// Moreau", "Photo: Reuters"): no part of the name.
const CAPTION_WORDS: &[&str] = &["Image", "Photo", "Picture", "Video", "Audio", "Credit"];

/// "Black Widow and Captain America Image" + ":" -> without "Image".
fn trim_caption_word(text: &str, span: Span) -> Span {
    let s = span.text(text);
    let after = text.get(span.end as usize..).unwrap_or("");
    match s.rsplit_once(' ') {
        Some((rest, last)) if after.starts_with(':') && CAPTION_WORDS.contains(&last) => Span::new(
            span.start as usize,
            span.start as usize + rest.trim_end().len(),
        ),
        _ => span,
    }
}

/// "Western Australia and Queensland" -> the two places, when each side is a known place and
/// the whole is not one ("Trinidad and Tobago", "Bosnia and Herzegovina").
fn split_places(text: &str, span: Span) -> Option<(Span, Span)> {
    let s = span.text(text);
    let at = s.find(" and ")?;
    let (a, b) = (&s[..at], &s[at + 5..]);
    let ok = gazetteer::is_place(a) && gazetteer::is_place(b) && !gazetteer::is_place(&name_of(s));
    ok.then(|| {
        let start = span.start as usize;
        (
            Span::new(start, start + at),
            Span::new(start + at + 5, span.end as usize),
        )
    })
}

/// Last words of names that make the name a place: buildings, grounds, streets and natural
/// features. The tagger reads "Fisht Stadium" or "Kennedy Space Center" as an organisation
/// because the first words look like one; news means where something happens.
const PLACE_HEADS: &[&str] = &[
    "Airport",
    "Stadium",
    "Arena",
    "Hotel",
    "Motel",
    "Tower",
    "Towers",
    "Base",
    "Bridge",
    "Square",
    "Street",
    "Avenue",
    "Boulevard",
    "Road",
    "Castle",
    "Mosque",
    "Cathedral",
    "Temple",
    "Synagogue",
    "Shrine",
    "Planetarium",
    "Museum",
    "Gallery",
    "Galleries",
    "Hospital",
    "Prison",
    "Plains",
    "Mountains",
    "River",
    "Lake",
    "Island",
    "Islands",
    "Valley",
    "Beach",
    "Bay",
    "Canal",
    "Desert",
    "Peninsula",
    "Gulf",
    "Ocean",
    "Station",
    "Terminal",
    "Plaza",
    "Zoo",
    "Dam",
    "Harbour",
    "Harbor",
    "Falls",
    "Heights",
    "Strait",
    "Complex",
];

/// Words before "Centre"/"Center" that make it a building ("Kennedy Space Center", "Metro
/// Toronto Convention Centre"); other centres are as often organisations ("Pew Research
/// Center") and keep the tagger's kind.
const CENTRE_PLACES: &[&str] = &[
    "Space",
    "Convention",
    "Trade",
    "Shopping",
    "Exhibition",
    "Conference",
    "Medical",
    "Visitor",
    "Visitors",
    "Science",
    "Sports",
    "Civic",
];

/// First words of "X of Y" place names ("Plains of Arafat", "Gulf of Mexico", "State of
/// Texas" when Y is a place).
const PLACE_OF: &[&str] = &[
    "Plains", "Gulf", "Bay", "Isle", "Lake", "Mount", "Strait", "Straits", "Sea", "Cape", "Museum",
];
const REALM_OF: &[&str] = &[
    "State",
    "Province",
    "Republic",
    "Kingdom",
    "Commonwealth",
    "City",
    "County",
    "District",
    "Region",
    "Emirate",
];

/// An organisation or person "name" that its head word says is a place: "Fisht Stadium",
/// "Johnson Space Center", "Plains of Arafat", "State of Texas". A person keeps a head that
/// is also a surname ("Arsenio Hall", "Ricki Lake").
fn place_by_head(name: &str, kind: EntityKind) -> EntityKind {
    if !matches!(kind, EntityKind::Organization | EntityKind::Person) {
        return kind;
    }
    let words: Vec<&str> = name.split(' ').collect();
    let (Some(&first), Some(&last)) = (words.first(), words.last()) else {
        return kind;
    };
    if words.len() < 2 {
        return kind;
    }
    let before_last = words[words.len() - 2];
    // No person's name ends in "Center": "Steven F. Udvar-Hazy Center" is a building.
    let centre = matches!(last, "Centre" | "Center");
    let by_last = PLACE_HEADS.contains(&last)
        || (centre && (kind == EntityKind::Person || CENTRE_PLACES.contains(&before_last)));
    let by_first = words.get(1) == Some(&"of")
        && (PLACE_OF.contains(&first)
            || (REALM_OF.contains(&first) && gazetteer::is_place(&words[2..].join(" "))));
    let surname = kind == EntityKind::Person && !centre && gazetteer::is_surname(last);
    if (by_last && !surname) || by_first {
        EntityKind::Location
    } else {
        kind
    }
}

/// Last words that make a name an institution, wherever it is: "United States Navy" and
/// "Afghan Interior Ministry" act, they are not places. Only heads that never end a place
/// name ("Bank" ends "West Bank", "Court" ends "Earls Court", so neither is here); so
/// stricter than `OF_HEADS`, which also holds buildings ("Museum", "Gallery").
const ORG_HEADS: &[&str] = &[
    "Navy",
    "Army",
    "Ministry",
    "Department",
    "Police",
    "Parliament",
    "Government",
    "Council",
    "Party",
    "Agency",
    "Commission",
    "Committee",
    "Senate",
    "Congress",
    "University",
    "Corporation",
    "Association",
    "Federation",
    "Institute",
    "Foundation",
    "Airlines",
    "Airways",
];

/// A place "name" that its head word says is an institution ("United States Navy"); a name
/// the gazetteer knows as a place stays one.
fn org_by_head(name: &str, kind: EntityKind) -> EntityKind {
    if kind != EntityKind::Location {
        return kind;
    }
    match name.rsplit_once(' ') {
        Some((_, last)) if ORG_HEADS.contains(&last) && !gazetteer::is_place(name) => {
            EntityKind::Organization
        }
        _ => kind,
    }
}

/// Nationality vs location by the gazetteers: "British" is a nationality, "Britain" a place,
/// whatever the tagger said; other names keep the tagger's kind.
pub fn gazetteer_kind(name: &str, kind: EntityKind) -> EntityKind {
    let one_word = !name.contains(' ');
    match kind {
        EntityKind::Nationality if gazetteer::country_by_name(name).is_some() => {
            EntityKind::Location
        }
        EntityKind::Location | EntityKind::Organization | EntityKind::Person
            if one_word
                && gazetteer::country_by_demonym(name).is_some()
                && gazetteer::country_by_name(name).is_none() =>
        {
            EntityKind::Nationality
        }
        _ => kind,
    }
}

/// The name a span spells: editorial brackets removed, spaces collapsed, curly apostrophes
/// kept as written.
pub fn name_of(s: &str) -> String {
    let mut name = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        let w = word.trim_matches(|c| c == '[' || c == ']');
        if w.is_empty() {
            continue;
        }
        if !name.is_empty() {
            name.push(' ');
        }
        name.push_str(w);
    }
    name
}

/// Abbreviations whose full stop belongs to the name ("Acme Inc.", "Martin Luther King Jr.").
const DOTTED: &[&str] = &[
    "inc", "ltd", "co", "corp", "jr", "sr", "st", "bros", "plc", "llc",
];

/// Whitespace, quotes, leading "the", trailing possessive and punctuation off a span.
pub fn trim_span(text: &str, span: Span) -> Span {
    let s = span.text(text);
    let (mut a, mut b) = (span.start as usize, span.end as usize);
    if s.is_empty() {
        return Span::new(a, a);
    }
    loop {
        let cur = text.get(a..b).unwrap_or("");
        let before = (a, b);
        let lead = cur.len()
            - cur
                .trim_start_matches(|c: char| c.is_whitespace() || "\"“”‘'(«".contains(c))
                .len();
        a += lead;
        let cur = text.get(a..b).unwrap_or("");
        if let Some(rest) = cur
            .strip_prefix("the ")
            .or_else(|| cur.strip_prefix("The "))
            .or_else(|| cur.strip_prefix("THE "))
        {
            if rest.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit()) {
                a = b - rest.len();
            }
        }
        let cur = text.get(a..b).unwrap_or("");
        // A closing bracket stays when it closes one inside the name: "Mladost (BJ)".
        let mut t = cur;
        while let Some(c) = t.chars().next_back() {
            let opened = c == ')' && t.matches('(').count() >= t.matches(')').count();
            if opened || !(c.is_whitespace() || ",;:!?\"“”)»".contains(c)) {
                break;
            }
            t = &t[..t.len() - c.len_utf8()];
        }
        for pos in ["’s", "'s", "’S", "'S"] {
            if let Some(x) = t.strip_suffix(pos) {
                t = x;
            }
        }
        if t.len() > 1 && (t.ends_with('’') || t.ends_with('\'')) {
            t = &t[..t.len() - t.chars().next_back().map_or(0, char::len_utf8)];
        }
        if let Some(x) = t.strip_suffix('.') {
            let last = x.rsplit([' ', '.']).next().unwrap_or("");
            let keep = DOTTED.contains(&last.to_ascii_lowercase().as_str())
                || x.contains('.') && !x.contains(' ')
                || last.chars().count() == 1;
            if !keep {
                t = x;
            }
        }
        b = a + t.len();
        if (a, b) == before {
            break;
        }
    }
    Span::new(a, b)
}

/// Word spans of `span` (split on whitespace).
fn words_of(text: &str, span: Span) -> Vec<Span> {
    let s = span.text(text);
    let base = span.start as usize;
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in s.char_indices() {
        match (c.is_whitespace(), start) {
            (true, Some(st)) => {
                out.push(Span::new(base + st, base + i));
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    if let Some(st) = start {
        out.push(Span::new(base + st, base + s.len()));
    }
    out
}

/// Cuts honorifics, offices and nationality words off the front of a person span
/// ("Defence Secretary John Healey" -> "John Healey"); the roles are read later from the
/// text before the name, so nothing is lost.
fn strip_person_titles(text: &str, span: Span) -> Span {
    let words = words_of(text, span);
    let mut first = 0;
    // "New Zealander Tim Ross", "New Yorker Dick Morris": the tagger often leaves "New" out
    // at the start of a sentence and takes the rest of the demonym for part of the name.
    if words.len() > 1 {
        let before = titles::words_before(text, span.start as usize, 0, 1);
        if let Some(b) = before.first() {
            let gap = text.get(b.end as usize..span.start as usize);
            if gap == Some(" ") && is_two_word_demonym(b.text(text), words[0].text(text)) {
                first = 1;
            }
        }
    }
    while first + 1 < words.len() {
        let w = words[first]
            .text(text)
            .trim_matches(|c| c == '[' || c == ']');
        if first + 2 < words.len() && is_two_word_demonym(w, words[first + 1].text(text)) {
            first += 2;
            continue;
        }
        let strip = titles::is_honorific(w)
            || titles::is_title_word(w)
            || gazetteer::is_demonym(w)
            || (gazetteer::country_by_name(w).is_some() && w.chars().all(|c| c.is_uppercase()))
            || w.eq_ignore_ascii_case("of")
            || w.eq_ignore_ascii_case("the");
        if !strip {
            break;
        }
        first += 1;
    }
    // "Dean Jones", "Christian Cullen", "German Villa": a title or nationality word that is
    // also a given name, right before a lone surname, is the given name. Royal titles are
    // titles ("King Baudouin", "Prince Eugene").
    if first > 0 && first + 1 == words.len() {
        let w = words[first - 1].text(text);
        if gazetteer::is_first_name(w)
            && !titles::is_honorific(w)
            && !matches!(
                w.to_lowercase().as_str(),
                "king" | "queen" | "prince" | "princess"
            )
        {
            first -= 1;
        }
    }
    // A span that is all title ("President") names nobody.
    if words.len() == 1 {
        let w = words[0].text(text);
        if titles::is_honorific(w) || titles::is_head(w) {
            return Span::new(span.start as usize, span.start as usize);
        }
    }
    match words.get(first) {
        Some(w) => Span::new(w.start as usize, span.end as usize),
        None => span,
    }
}

/// Whether `a b` names the people of a place: a known demonym ("New Zealander") or a place
/// of two words with "-er" ("New Yorker", "Rhode Islander").
fn is_two_word_demonym(a: &str, b: &str) -> bool {
    if !a.starts_with(char::is_uppercase) || !b.starts_with(char::is_uppercase) {
        return false;
    }
    let b = b.strip_suffix('s').unwrap_or(b);
    gazetteer::is_demonym(&format!("{a} {b}"))
        || b.strip_suffix("er")
            .is_some_and(|stem| stem.len() > 1 && gazetteer::is_place(&format!("{a} {stem}")))
}

/// "[Vladimir] Putin": a bracketed word just before a person name is part of the mention (the
/// name drops the brackets), and a span that starts or ends inside brackets takes them in.
fn include_editorial_brackets(text: &str, span: Span) -> Span {
    let (mut a, mut b) = (span.start as usize, span.end as usize);
    let bytes = text.as_bytes();
    if a > 0 && bytes[a - 1] == b'[' {
        a -= 1;
    }
    if b < bytes.len() && bytes[b] == b']' && text.get(a..b).is_some_and(|s| s.contains('[')) {
        b += 1;
    }
    // "[Vladimir] Putin": the word in brackets, capitalised, not a title or nationality.
    let head = text.get(..a).unwrap_or("");
    let trimmed = head.trim_end_matches(' ');
    if trimmed.len() + 1 >= head.len() && trimmed.ends_with(']') {
        if let Some(open) = trimmed.rfind('[') {
            let inner = &trimmed[open + 1..trimmed.len() - 1];
            let ok = !inner.is_empty()
                && !inner.contains(' ')
                && inner.starts_with(char::is_uppercase)
                && inner
                    .chars()
                    .all(|c| c.is_alphabetic() || c == '-' || c == '.')
                && !titles::is_title_word(inner)
                && !gazetteer::is_demonym(inner);
            if ok {
                a = open;
            }
        }
    }
    Span::new(a, b)
}

/// Joins person mentions separated only by spaces or brackets: the tagger's "Secretary John"
/// and "Healey" become, after title stripping, "John" and "Healey" and then "John Healey".
/// A join never grows a name past the tagger's own length limit: "A. A. A. …" repeated is
/// many short mentions, not one ever longer name (re-spelled at every step, quadratically).
fn join_adjacent_persons(text: &str, mentions: Vec<NameMention>) -> Vec<NameMention> {
    let mut out: Vec<NameMention> = Vec::with_capacity(mentions.len());
    for m in mentions {
        if let Some(prev) = out.last_mut() {
            let gap = text
                .get(prev.span.end as usize..m.span.start as usize)
                .unwrap_or("x");
            if prev.kind == EntityKind::Person
                && m.kind == EntityKind::Person
                && gap.len() <= 3
                && gap.chars().all(|c| c == ' ' || c == '[' || c == ']')
                && (m.span.end - prev.span.start) as usize <= super::tagger::MAX_NAME_BYTES
            {
                prev.span = prev.span.cover(m.span);
                prev.name = name_of(prev.span.text(text));
                continue;
            }
        }
        out.push(m);
    }
    out
}

/// Last words of organisation names that an "of"/"for" phrase continues: "Andy Warhol
/// Foundation for the Visual Arts", "Australian Centre for Control of Iodine Deficiency
/// Disorders", "National Museum of the U.S. Air Force".
const OF_HEADS: &[&str] = &[
    "Foundation",
    "Centre",
    "Center",
    "Museum",
    "Institute",
    "University",
    "College",
    "School",
    "Academy",
    "Department",
    "Ministry",
    "Office",
    "Council",
    "Committee",
    "Commission",
    "Association",
    "Society",
    "Federation",
    "Union",
    "League",
    "Bank",
    "Agency",
    "Authority",
    "Board",
    "Bureau",
    "Fund",
    "Trust",
    "Organization",
    "Organisation",
    "Corporation",
    "Party",
    "Church",
    "Court",
    "Service",
    "Alliance",
    "Coalition",
    "Movement",
    "Conference",
    "Congress",
    "Assembly",
    "Chamber",
    "Network",
    "Library",
    "Gallery",
];

/// Joins an organisation (or a museum read as a place) and the name of an "of"/"for"/"on"
/// phrase after it, which the tagger took for two names: "Andy Warhol Foundation" + "for the"
/// + "Visual Arts" is one organisation.
fn join_of_phrases(text: &str, mentions: Vec<NameMention>) -> Vec<NameMention> {
    let mut out: Vec<NameMention> = Vec::with_capacity(mentions.len());
    for mut m in mentions {
        // "Gulf of Mexico", "District of Columbia", "Sea of Japan": a place after the head
        // word of an "X of Y" place name is that place name, whether or not the tagger
        // took the head word as a name of its own.
        if m.kind == EntityKind::Location {
            let prev = out.last().map(|p| p.span);
            if let Some(start) = place_of_head_before(text, m.span.start as usize, prev) {
                if out.last().is_some_and(|p| p.span.end as usize > start) {
                    out.pop();
                }
                m.span = Span::new(start, m.span.end as usize);
                m.name = name_of(m.span.text(text));
            }
        }
        if let Some(prev) = out.last_mut() {
            let gap = text
                .get(prev.span.end as usize..m.span.start as usize)
                .unwrap_or("");
            let head = prev.name.rsplit(' ').next().unwrap_or("");
            let joins = matches!(
                gap,
                " of " | " for " | " of the " | " for the " | " on " | " on the "
            ) && matches!(prev.kind, EntityKind::Organization | EntityKind::Location)
                && m.kind != EntityKind::Person
                && OF_HEADS.contains(&head)
                && (m.span.end - prev.span.start) as usize <= super::tagger::MAX_NAME_BYTES;
            if joins {
                prev.kind = if PLACE_HEADS.contains(&head) {
                    EntityKind::Location
                } else {
                    EntityKind::Organization
                };
                prev.span = prev.span.cover(m.span);
                prev.name = name_of(prev.span.text(text));
                continue;
            }
        }
        out.push(m);
    }
    out
}

/// Where the head word of an "X of Y" place name ("Gulf", "District") begins, if it is
/// written with " of " just before byte `pos`, capitalised and standing alone (not the end of
/// a longer word or name). `prev` is the mention before: it may be the head word itself,
/// which the place name then replaces, but must not reach into it otherwise.
fn place_of_head_before(text: &str, pos: usize, prev: Option<Span>) -> Option<usize> {
    let rest = text.get(..pos)?.strip_suffix(" of ")?;
    let head_start = rest
        .char_indices()
        .rev()
        .find(|&(_, c)| !c.is_alphabetic())
        .map_or(0, |(i, c)| i + c.len_utf8());
    let head = &rest[head_start..];
    // "Museum of" + a place is an organisation's "of" phrase, which `join_of_phrases` joins.
    let is_head = (PLACE_OF.contains(&head) && head != "Museum") || REALM_OF.contains(&head);
    let alone = rest[..head_start]
        .chars()
        .next_back()
        .is_none_or(|c| c.is_whitespace() || matches!(c, '(' | '"' | '“' | '‘' | '['));
    let clear = prev.is_none_or(|p| {
        p.end as usize <= head_start
            || (p.start as usize == head_start && p.end as usize == head_start + head.len())
    });
    (is_head && alone && clear).then_some(head_start)
}

/// A person mention that is only a known first name takes the capitalised word after it
/// ("John" + "Healey"), which the tagger cut off by mistake.
fn extend_first_names(
    text: &str,
    sentences: &Sentences,
    mut mentions: Vec<NameMention>,
) -> Vec<NameMention> {
    for i in 0..mentions.len() {
        let m = &mentions[i];
        if m.kind != EntityKind::Person
            || m.name.contains(' ')
            || !gazetteer::is_first_name(&m.name)
        {
            continue;
        }
        let (_, sent_end) = sentences.bounds(m.span.start as usize, text.len());
        let next = titles::words_after(text, m.span.end as usize, sent_end, 1);
        let Some(w) = next.first().copied() else {
            continue;
        };
        let gap_ok = text
            .get(m.span.end as usize..w.start as usize)
            .is_some_and(|g| g == " ");
        let word = w.text(text);
        let word = word
            .strip_suffix("’s")
            .or_else(|| word.strip_suffix("'s"))
            .unwrap_or(word);
        let taken = mentions.get(i + 1).is_some_and(|n| n.span.start < w.end);
        if gap_ok
            && !taken
            && word.starts_with(char::is_uppercase)
            && word
                .chars()
                .skip(1)
                .all(|c| c.is_lowercase() || c == '-' || c == '\'')
            && word.chars().count() > 1
            && !titles::is_title_word(word)
            && !FUNCTION_WORDS.contains(&word.to_lowercase().as_str())
            && !gazetteer::is_place(word)
        {
            let m = &mut mentions[i];
            m.span = Span::new(m.span.start as usize, w.start as usize + word.len());
            m.name = name_of(m.span.text(text));
        }
    }
    mentions
}

/// Drops one-word mentions at the start of a sentence or heading that are ordinary words
/// capitalised by position ("Enhancing Ukraine’s Military Readiness", "Balancing Risks"): the
/// word ends like a verb or adverb, is a function word, or the text also uses it in lower
/// case — unless it is a known place or nationality, or the tagger also found it mid-sentence.
fn drop_ordinary_words(
    text: &str,
    sentences: &Sentences,
    words: &[Word],
    mentions: Vec<NameMention>,
) -> Vec<NameMention> {
    let suspects: Vec<usize> = mentions
        .iter()
        .enumerate()
        .filter(|(_, m)| {
            !m.name.contains(' ')
                && sentences.is_initial(text, m.span.start as usize)
                && gazetteer::place_country(&m.name).is_none()
                && !gazetteer::is_demonym(&m.name)
                && !gazetteer::is_place(&m.name)
        })
        .map(|(i, _)| i)
        .collect();
    if suspects.is_empty() {
        return mentions;
    }
    let lower: Vec<String> = suspects
        .iter()
        .map(|&i| mentions[i].name.to_lowercase())
        .collect();
    let seen_lower = lower_case_uses(text, words, &lower);
    let mid_sentence: crate::gazetteer::WordHashSet<&str> = mentions
        .iter()
        .filter(|o| !o.name.contains(' ') && !sentences.is_initial(text, o.span.start as usize))
        .map(|o| o.name.as_str())
        .collect();
    let drop: Vec<bool> = suspects
        .iter()
        .zip(&seen_lower)
        .map(|(&i, &seen)| {
            let m = &mentions[i];
            let w = m.name.to_lowercase();
            let ordinary = seen
                || FUNCTION_WORDS.contains(&w.as_str())
                || (w.len() > 5 && (w.ends_with("ing") || w.ends_with("ly")))
                || (w.len() > 5 && w.ends_with("ed") && m.kind != EntityKind::Person);
            let mid_sentence_elsewhere = mid_sentence.contains(m.name.as_str());
            ordinary && !mid_sentence_elsewhere
        })
        .collect();
    let mut dropped = vec![false; mentions.len()];
    for (&i, &d) in suspects.iter().zip(&drop) {
        dropped[i] = d;
    }
    mentions
        .into_iter()
        .zip(dropped)
        .filter(|(_, d)| !d)
        .map(|(m, _)| m)
        .collect()
}

/// Drops names that only a title-case heading holds ("Enhancing Ukraine’s Military
/// Readiness", "Broader Western Support and Strategic Discussions"). Where every word is
/// capitalised the capitals say nothing, and the real names of a heading come back in the
/// body ("Ukraine"). A heading is title case when it has two or more words of four letters or
/// more, all capitalised but not all in capitals (a shouted line says nothing either way), and
/// the text writes one of them in lower case too ("military"): so a line of team names and
/// scores is no such heading. A name in one stays when a gazetteer knows it, when the body
/// writes its last word capitalised mid-sentence ("Putin" for "Vladimir Putin") or at a
/// sentence start and never in lower case ("Microsoft said"), or when it is a person with a
/// known first name.
fn drop_heading_only_names(
    text: &str,
    doc: &Document,
    sentences: &Sentences,
    words: &[Word],
    mentions: Vec<NameMention>,
) -> Vec<NameMention> {
    let mut headings: Vec<Span> = doc
        .title
        .iter()
        .chain(doc.sections.iter().filter_map(|s| s.heading.as_ref()))
        .map(|h| h.span)
        .collect();
    headings.sort_by_key(|h| h.start);
    let heading_at = |pos: usize| {
        let i = headings.partition_point(|h| (h.end as usize) <= pos);
        headings
            .get(i)
            .filter(|h| h.start as usize <= pos)
            .map(|_| i)
    };
    // Headings holding a mention, and their long words.
    let candidates: Vec<usize> = headings
        .iter()
        .enumerate()
        .filter(|(_, h)| {
            let i = mentions.partition_point(|m| m.span.start < h.start);
            mentions.get(i).is_some_and(|m| m.span.end <= h.end)
        })
        .map(|(i, _)| i)
        .collect();
    if candidates.is_empty() {
        return mentions;
    }
    // Each candidate with its long words, the ones that say whether it is title case.
    let mut titled: Vec<(usize, Vec<&str>)> = candidates
        .into_iter()
        .map(|i| {
            let h = headings[i];
            let first = words.partition_point(|w| w.start < h.start as usize);
            let long = words[first..]
                .iter()
                .take_while(|w| w.end <= h.end as usize)
                .map(|w| text.get(w.start..w.end).unwrap_or(""))
                .filter(|w| w.chars().count() >= 4 && w.chars().all(char::is_alphabetic))
                .collect();
            (i, long)
        })
        .filter(|(_, long): &(usize, Vec<&str>)| {
            long.len() >= 2
                && long
                    .iter()
                    .all(|w| w.chars().next().is_some_and(char::is_uppercase))
                && long.iter().any(|w| w.chars().any(char::is_lowercase))
        })
        .collect();
    if titled.is_empty() {
        return mentions;
    }
    let mut in_titled = vec![false; headings.len()];
    for (i, _) in &titled {
        in_titled[*i] = true;
    }
    let in_heading = |m: &NameMention, titled: &[bool]| {
        heading_at(m.span.start as usize)
            .is_some_and(|h| titled[h] && m.span.end <= headings[h].end)
    };
    let head = |m: &NameMention| m.name.rsplit(' ').next().unwrap_or("").to_string();
    let known = |m: &NameMention| {
        let first = m.name.split(' ').next().unwrap_or("");
        gazetteer::place_country(&m.name).is_some()
            || gazetteer::is_place(&m.name)
            || gazetteer::is_demonym(&m.name)
            || (m.kind == EntityKind::Person
                && m.name.contains(' ')
                && gazetteer::is_first_name(first))
    };
    // The last words of the names in question, and for each: written capitalised outside
    // the headings mid-sentence, at a sentence start.
    let mut heads: crate::gazetteer::WordMap<String, (bool, bool)> = mentions
        .iter()
        .filter(|m| in_heading(m, &in_titled) && !known(m))
        .map(|m| (head(m), (false, false)))
        .collect();
    if heads.is_empty() {
        return mentions;
    }
    for w in words.iter().filter(|w| heading_at(w.start).is_none()) {
        let word = text.get(w.start..w.end).unwrap_or("");
        if let Some(seen) = heads.get_mut(word) {
            if sentences.is_initial(text, w.start) {
                seen.1 = true;
            } else {
                seen.0 = true;
            }
        }
    }
    // One pass for every lower-case question: the headings' long words (is the heading title
    // case?) and the heads that only start sentences (are they ordinary words?).
    let mut lower: Vec<String> = titled
        .iter()
        .flat_map(|(_, long)| long.iter().map(|w| w.to_lowercase()))
        .chain(heads.keys().map(|h| h.to_lowercase()))
        .collect();
    lower.sort_unstable();
    lower.dedup();
    let seen_lower = lower_case_uses(text, words, &lower);
    let is_lower = |w: &str| {
        lower
            .binary_search(&w.to_lowercase())
            .is_ok_and(|k| seen_lower[k])
    };
    titled.retain(|(_, long)| long.iter().any(|w| is_lower(w)));
    in_titled.iter_mut().for_each(|t| *t = false);
    for (i, _) in &titled {
        in_titled[*i] = true;
    }
    mentions
        .into_iter()
        .filter(|m| {
            if !in_heading(m, &in_titled) || known(m) {
                return true;
            }
            let h = head(m);
            heads
                .get(&h)
                .is_some_and(|&(mid, initial)| mid || (initial && !is_lower(&h)))
        })
        .collect()
}

/// For each word (lower case), whether the text uses it as a whole word in lower case.
/// One pass over the text, whatever the number of words.
fn lower_case_uses(text: &str, all: &[Word], words: &[String]) -> Vec<bool> {
    super::scan::find_forms(text, all, &[], words).1
}

/// Whether `text[start..end]` is not glued to letters or digits on either side.
pub fn is_whole_word(text: &str, start: usize, end: usize) -> bool {
    let before = text.get(..start).and_then(|s| s.chars().next_back());
    let after = text.get(end..).and_then(|s| s.chars().next());
    !before.is_some_and(|c| c.is_alphanumeric() || c == '-')
        && !after.is_some_and(|c| c.is_alphanumeric() || c == '-')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sections::structure;

    fn run(text: &str, raw: &[(&str, EntityKind)]) -> Vec<(String, EntityKind, String)> {
        let doc = structure(text);
        let mut from = 0;
        let raw: Vec<Mention> = raw
            .iter()
            .map(|(s, kind)| {
                let start = from + text[from..].find(s).expect("mention in text");
                from = start + s.len();
                Mention {
                    span: Span::new(start, start + s.len()),
                    kind: *kind,
                }
            })
            .collect();
        let words: Vec<Word> = crate::entities::scan::words(text).collect();
        clean(text, &doc, &words, &raw)
            .into_iter()
            .map(|m| (m.span.text(text).to_string(), m.kind, m.name))
            .collect()
    }

    use EntityKind::*;

    #[test]
    fn names_only_a_title_case_heading_holds_are_dropped() {
        let text = "The minister met Vladimir Putin in Moscow and spoke of military readiness.\n\
            Enhancing Ukraine’s Military Readiness\n\
            Officials said Putin would visit Ukraine, and broader support was strategic.\n\
            Broader Western Support and Strategic Discussions\n\
            Support for the plan grew. Contoso said the discussions went on for hours.\n\
            Talks With Putin and Ivan Petrov at Contoso\n\
            Nothing else was said about the talks that day.\n\
            Galatasaray Fenerbahce Besiktas Trabzonspor\n\
            The league went on.\n";
        let doc = structure(text);
        let n_headings = doc.sections.iter().filter(|s| s.heading.is_some()).count();
        assert_eq!(n_headings, 4, "{:?}", doc.sections);
        let got = run(
            text,
            &[
                ("Vladimir Putin", Person),
                ("Ukraine", Location),
                ("Readiness", Organization),
                ("Putin", Person),
                ("Ukraine", Location),
                ("Broader Western Support", Organization),
                ("Putin", Person),
                ("Ivan Petrov", Person),
                ("Contoso", Organization),
                ("Galatasaray", Organization),
                ("Fenerbahce", Organization),
            ],
        );
        let names: Vec<&str> = got.iter().map(|g| g.0.as_str()).collect();
        // Known to a gazetteer, written in the body (mid-sentence, or only at a sentence start
        // but never in lower case, unlike "Support"), a first name: they stay. A line of names
        // with no word the text writes in lower case is no title-case heading.
        assert_eq!(
            names,
            [
                "Vladimir Putin",
                "Ukraine",
                "Putin",
                "Ukraine",
                "Putin",
                "Ivan Petrov",
                "Contoso",
                "Galatasaray",
                "Fenerbahce"
            ]
        );
    }

    #[test]
    fn a_word_after_mr_or_ms_is_a_surname() {
        let got = run(
            "Mr German said no. Ms England agreed. German troops left England.",
            &[
                ("German", EntityKind::Nationality),
                ("England", EntityKind::Location),
                ("German", EntityKind::Nationality),
                ("England", EntityKind::Location),
            ],
        );
        let kinds: Vec<EntityKind> = got.iter().map(|g| g.1).collect();
        assert_eq!(
            kinds,
            [
                EntityKind::Person,
                EntityKind::Person,
                EntityKind::Nationality,
                EntityKind::Location
            ],
            "{got:?}"
        );
    }

    #[test]
    fn titles_leave_person_spans() {
        let got = run(
            "After Defence Secretary John Healey’s visit, UK Prime Minister Sir Keir Starmer spoke.",
            &[("Secretary John Healey’s", Person), ("Sir Keir Starmer", Person)],
        );
        assert_eq!(
            got,
            [
                ("John Healey".into(), Person, "John Healey".into()),
                ("Keir Starmer".into(), Person, "Keir Starmer".into())
            ]
        );
    }

    #[test]
    fn a_title_that_is_a_given_name_before_a_lone_surname_stays() {
        let got = run(
            "Dean Jones and Christian Cullen met King Baudouin and President Obama.",
            &[
                ("Dean Jones", Person),
                ("Christian Cullen", Person),
                ("King Baudouin", Person),
                ("President Obama", Person),
            ],
        );
        let names: Vec<&str> = got.iter().map(|g| g.2.as_str()).collect();
        assert_eq!(
            names,
            ["Dean Jones", "Christian Cullen", "Baudouin", "Obama"]
        );
    }

    #[test]
    fn secretary_john_plus_healey_is_one_person() {
        let text = "This follows Defence Secretary John Healey’s visit.";
        let got = run(text, &[("Secretary John", Person), ("Healey", Person)]);
        assert_eq!(got, [("John Healey".into(), Person, "John Healey".into())]);
        let got = run(text, &[("Secretary John", Person)]);
        assert_eq!(got, [("John Healey".into(), Person, "John Healey".into())]);
    }

    #[test]
    fn editorial_brackets_and_the_and_acronyms() {
        let text = "unavailable to [Russian] President [Vladimir] Putin, the BBC and the North Atlantic Treaty Organization (NATO) said.";
        let got = run(
            text,
            &[
                ("Russian", Nationality),
                ("Putin", Person),
                ("the BBC", Organization),
                ("North Atlantic Treaty Organization (NATO)", Organization),
            ],
        );
        assert_eq!(
            got,
            [
                ("Russian".into(), Nationality, "Russian".into()),
                ("[Vladimir] Putin".into(), Person, "Vladimir Putin".into()),
                ("BBC".into(), Organization, "BBC".into()),
                (
                    "North Atlantic Treaty Organization".into(),
                    Organization,
                    "North Atlantic Treaty Organization".into()
                ),
                ("NATO".into(), Organization, "NATO".into()),
            ]
        );
    }

    #[test]
    fn offices_come_off_the_end_of_organisations_and_places() {
        let text = "NASA Administrator Charles Bolden, the Los Angeles Sheriff's office, Afghan Ambassador Hamdullah Mohib, the Department of Justice, the Justice Department and the Office of the Director.";
        let got = run(
            text,
            &[
                ("NASA Administrator", Organization),
                ("Charles Bolden", Person),
                ("Los Angeles Sheriff", Organization),
                ("Afghan Ambassador", Organization),
                ("Hamdullah Mohib", Person),
                ("Department of Justice", Organization),
                ("Justice Department", Organization),
                ("Office of the Director", Organization),
            ],
        );
        let kinds: Vec<(&str, EntityKind)> = got.iter().map(|g| (g.0.as_str(), g.1)).collect();
        assert_eq!(
            kinds,
            [
                ("NASA", Organization),
                ("Charles Bolden", Person),
                ("Los Angeles", Location),
                ("Afghan", Nationality),
                ("Hamdullah Mohib", Person),
                ("Department of Justice", Organization),
                ("Justice Department", Organization),
                ("Office of the Director", Organization),
            ]
        );
    }

    #[test]
    fn codes_letters_and_captions_are_no_names() {
        let text = "Bail was US$ 20,000, said Mark Tedeschi, QC, and John Cornyn (R-Texas), UNLESS the WHO and Emeritus Professor John Burrows saw Black Widow Image: Nick Moreau in Texas and California, not Trinidad and Tobago.";
        let got = run(
            text,
            &[
                ("US", Location),
                ("Mark Tedeschi", Person),
                ("QC", Location),
                ("John Cornyn", Person),
                ("R-Texas", Organization),
                ("UNLESS", Organization),
                ("WHO", Organization),
                ("Emeritus", Organization),
                ("John Burrows", Person),
                ("Black Widow Image", Person),
                ("Nick Moreau", Person),
                ("Texas and California", Organization),
                ("Trinidad and Tobago", Location),
            ],
        );
        let kinds: Vec<(&str, EntityKind)> = got.iter().map(|g| (g.0.as_str(), g.1)).collect();
        assert_eq!(
            kinds,
            [
                ("Mark Tedeschi", Person),
                ("John Cornyn", Person),
                ("WHO", Organization),
                ("John Burrows", Person),
                ("Black Widow", Person),
                ("Nick Moreau", Person),
                ("Texas", Location),
                ("California", Location),
                ("Trinidad and Tobago", Location),
            ]
        );
    }

    #[test]
    fn a_place_after_the_head_of_an_of_place_name_is_that_name() {
        let text = "Oil reached the Gulf of Mexico. He sat on the Superior Court of the District of Columbia, not in the Sea of Japan, nor at Tokyo Bay of Japan or Golf of Spain.";
        let got = run(
            text,
            &[
                ("Gulf", Location),
                ("Mexico", Location),
                ("Superior Court", Organization),
                ("Columbia", Location),
                ("Japan", Location),
                ("Tokyo Bay", Location),
                ("Japan", Location),
                ("Spain", Location),
            ],
        );
        let kinds: Vec<(&str, EntityKind)> = got.iter().map(|g| (g.0.as_str(), g.1)).collect();
        assert_eq!(
            kinds,
            [
                // The head word alone was a mention: the place name replaces it.
                ("Gulf of Mexico", Location),
                // Untagged head words, and an organisation's "of" phrase around the result.
                ("Superior Court of the District of Columbia", Organization),
                ("Sea of Japan", Location),
                // The end of a longer name, or no head word: unchanged.
                ("Tokyo Bay", Location),
                ("Japan", Location),
                ("Spain", Location),
            ]
        );
    }

    #[test]
    fn of_phrases_continue_organisation_names() {
        let text = "The Andy Warhol Foundation for the Visual Arts gave to the National Museum of the U.S. Air Force, not Espanyol of Barcelona or the University of John Smith.";
        let got = run(
            text,
            &[
                ("Andy Warhol Foundation", Organization),
                ("Visual Arts", Organization),
                ("National Museum", Organization),
                ("U.S. Air Force", Organization),
                ("Espanyol", Organization),
                ("Barcelona", Location),
                ("University", Organization),
                ("John Smith", Person),
            ],
        );
        let kinds: Vec<(&str, EntityKind)> = got.iter().map(|g| (g.0.as_str(), g.1)).collect();
        assert_eq!(
            kinds,
            [
                ("Andy Warhol Foundation for the Visual Arts", Organization),
                ("National Museum of the U.S. Air Force", Location),
                ("Espanyol", Organization),
                ("Barcelona", Location),
                ("University", Organization),
                ("John Smith", Person),
            ]
        );
    }

    #[test]
    fn brackets_split_off_acronyms_not_towns() {
        let text = "Mladost (BJ) beat Rad (B) as the European Union (EU) and Doctors Without Borders (MSF) watched.";
        let got = run(
            text,
            &[
                ("Mladost (BJ)", Organization),
                ("Rad (B)", Organization),
                ("European Union (EU)", Organization),
                ("Doctors Without Borders (MSF)", Organization),
            ],
        );
        let names: Vec<&str> = got.iter().map(|g| g.0.as_str()).collect();
        assert_eq!(
            names,
            [
                "Mladost (BJ)",
                "Rad (B)",
                "European Union",
                "EU",
                "Doctors Without Borders",
                "MSF"
            ]
        );
    }

    #[test]
    fn ordinary_words_at_sentence_start_are_dropped() {
        let text = "Enhancing Ukraine’s Military Readiness\nBalancing Risks\nThey are balancing it. Healey left. Reading is fun.\nWhile Healey spoke, Reading won.";
        let got = run(
            text,
            &[
                ("Enhancing", Organization),
                ("Ukraine", Location),
                ("Balancing", Person),
                ("Healey", Person),
                ("Reading", Location),
                ("While", Organization),
                ("Healey", Person),
                ("Reading", Organization),
            ],
        );
        let names: Vec<&str> = got.iter().map(|g| g.0.as_str()).collect();
        // "Reading" is kept: it is a known place and found mid-sentence too.
        assert_eq!(names, ["Ukraine", "Healey", "Reading", "Healey", "Reading"]);
    }

    #[test]
    fn words_that_open_a_quoted_reply_are_no_names() {
        let text = "\"Look, we have to act,\" said Tony Blair. \"Well, it is hard,\" said Ann Lee. \"Already, we are late,\" he added. Ms Well left.";
        let got = run(
            text,
            &[
                ("Look", Person),
                ("Tony Blair", Person),
                ("Well", Organization),
                ("Ann Lee", Person),
                ("Already", Person),
                ("Well", Person),
            ],
        );
        let names: Vec<&str> = got.iter().map(|g| g.0.as_str()).collect();
        // "Well" is kept after "Ms", mid-sentence, and so is its use at the start.
        assert_eq!(names, ["Tony Blair", "Well", "Ann Lee", "Well"]);
    }

    #[test]
    fn the_half_of_the_day_after_a_clock_time_is_no_name() {
        let text = "Sent 08/10/2000 08:28 AM by Ann Lee. The AM party and PM Modi met at 10 PM.";
        let got = run(
            text,
            &[
                ("AM", Organization),
                ("Ann Lee", Person),
                ("AM", Organization),
                ("PM", Organization),
                ("PM", Organization),
            ],
        );
        let names: Vec<&str> = got.iter().map(|g| g.0.as_str()).collect();
        assert_eq!(names, ["Ann Lee", "AM", "PM"]);
    }

    #[test]
    fn abbreviations_of_ordinary_things_are_no_names() {
        assert!(
            COMMON_ACRONYMS.windows(2).all(|w| w[0] < w[1]),
            "sorted, no repeats"
        );
        let text = "BBC TV showed PCs and DVDs, ID cards and MPs. The IOC met.";
        let got = run(
            text,
            &[
                ("BBC TV", Organization),
                ("PCs", Organization),
                ("DVDs", Organization),
                ("ID", Organization),
                ("MPs", Person),
                ("IOC", Organization),
            ],
        );
        let names: Vec<&str> = got.iter().map(|g| g.2.as_str()).collect();
        assert_eq!(names, ["BBC TV", "IOC"]);
    }

    #[test]
    fn a_two_word_demonym_before_a_person_is_no_part_of_the_name() {
        let text = "New Zealander Tim Ross agreed. New Yorker Dick Morris did not. He met New Yorkers Ann Lee and Newer Tom Hill.";
        let got = run(
            text,
            &[
                ("Zealander Tim Ross", Person),
                ("New Yorker Dick Morris", Person),
                ("Yorkers Ann Lee", Person),
                ("Newer Tom Hill", Person),
            ],
        );
        let names: Vec<&str> = got.iter().map(|g| g.2.as_str()).collect();
        assert_eq!(
            names,
            ["Tim Ross", "Dick Morris", "Ann Lee", "Newer Tom Hill"]
        );
    }

    #[test]
    fn country_before_a_ministry_is_a_place_and_offices_are_no_names() {
        let text = "The UK Ministry of Defence and China Construction Bank. Chancellor of the Exchequer Rachel Reeves, group CEO, and the Treasury. The Home Secretary.";
        let got = run(
            text,
            &[
                ("UK Ministry of Defence", Organization),
                ("China Construction Bank", Organization),
                ("Exchequer", Location),
                ("Rachel Reeves", Person),
                ("CEO", Organization),
                ("Treasury", Organization),
                ("Home Secretary", Organization),
            ],
        );
        let names: Vec<(&str, EntityKind)> = got.iter().map(|g| (g.0.as_str(), g.1)).collect();
        assert_eq!(
            names,
            [
                ("UK", Location),
                ("Ministry of Defence", Organization),
                ("China Construction Bank", Organization),
                ("Rachel Reeves", Person),
                ("Treasury", Organization),
            ]
        );
    }

    #[test]
    fn buildings_and_grounds_are_places() {
        let text = "At the Fisht Stadium and the Kennedy Space Center (KSC), on the Plains of Arafat, in the State of Texas, Arsenio Hall met the Pew Research Center and the State of Play at the Steven F. Udvar-Hazy Center.";
        let got = run(
            text,
            &[
                ("Fisht Stadium", Organization),
                ("Kennedy Space Center (KSC)", Organization),
                ("Plains of Arafat", Organization),
                ("State of Texas", Organization),
                ("Arsenio Hall", Person),
                ("Pew Research Center", Organization),
                ("State of Play", Organization),
                ("Steven F. Udvar-Hazy Center", Person),
            ],
        );
        let kinds: Vec<(&str, EntityKind)> = got.iter().map(|g| (g.0.as_str(), g.1)).collect();
        assert_eq!(
            kinds,
            [
                ("Fisht Stadium", Location),
                ("Kennedy Space Center", Location),
                ("KSC", Location),
                ("Plains of Arafat", Location),
                ("State of Texas", Location),
                ("Arsenio Hall", Person),
                ("Pew Research Center", Organization),
                ("State of Play", Organization),
                ("Steven F. Udvar-Hazy Center", Location),
            ]
        );
    }

    #[test]
    fn religions_are_no_names_but_their_followers_are_a_group() {
        let text =
            "Mecca is Islam's holiest site, and Muslims and Sikhism's founder Guru Nanak agree.";
        let got = run(
            text,
            &[
                ("Mecca", Location),
                ("Islam", Person),
                ("Muslims", Nationality),
                ("Sikhism", Location),
                ("Guru Nanak", Person),
            ],
        );
        let names: Vec<&str> = got.iter().map(|g| g.0.as_str()).collect();
        assert_eq!(names, ["Mecca", "Muslims", "Guru Nanak"]);
    }

    #[test]
    fn awards_are_no_names_and_party_words_are_parties() {
        let text = "Oscar nominations and a Grammy went to Oscar Isaac, and Tory MPs met Labour.";
        let got = run(
            text,
            &[
                ("Oscar", Person),
                ("Grammy", Person),
                ("Oscar Isaac", Person),
                ("Tory", Person),
                ("Labour", Organization),
            ],
        );
        let kinds: Vec<(&str, EntityKind)> = got.iter().map(|g| (g.0.as_str(), g.1)).collect();
        assert_eq!(
            kinds,
            [
                ("Oscar Isaac", Person),
                ("Tory", Organization),
                ("Labour", Organization)
            ]
        );
    }

    #[test]
    fn holidays_are_no_names() {
        let text = "Christmas sales at Christmas Island rose before Easter.";
        let got = run(
            text,
            &[
                ("Christmas", Person),
                ("Christmas Island", Location),
                ("Easter", Organization),
            ],
        );
        let names: Vec<&str> = got.iter().map(|g| g.0.as_str()).collect();
        assert_eq!(names, ["Christmas Island"]);
    }

    #[test]
    fn institutions_are_organisations_wherever_they_are() {
        let text = "The United States Navy, Indian Airlines and the West Bank met in New South Wales and Paris.";
        let got = run(
            text,
            &[
                ("United States Navy", Location),
                ("Indian Airlines", Location),
                ("West Bank", Location),
                ("New South Wales", Location),
                ("Paris", Location),
            ],
        );
        let kinds: Vec<(&str, EntityKind)> = got.iter().map(|g| (g.0.as_str(), g.1)).collect();
        assert_eq!(
            kinds,
            [
                ("United States Navy", Organization),
                ("Indian Airlines", Organization),
                ("West Bank", Location),
                ("New South Wales", Location),
                ("Paris", Location),
            ]
        );
    }

    #[test]
    fn nationality_and_location_by_gazetteer() {
        let text = "British troops left Britain for Ukrainians and France.";
        let got = run(
            text,
            &[
                ("British", Location),
                ("Britain", Nationality),
                ("Ukrainians", Organization),
                ("France", Location),
            ],
        );
        let kinds: Vec<EntityKind> = got.iter().map(|g| g.1).collect();
        assert_eq!(kinds, [Nationality, Location, Nationality, Location]);
    }

    #[test]
    fn trim_keeps_abbreviation_dots() {
        let text = "Acme Inc. and the U.S. and Healey’s, and Jones.";
        for (s, want) in [
            ("Acme Inc.", "Acme Inc."),
            ("the U.S.", "U.S."),
            ("Healey’s,", "Healey"),
            ("Jones.", "Jones"),
        ] {
            let start = text.find(s).unwrap();
            let sp = trim_span(text, Span::new(start, start + s.len()));
            assert_eq!(sp.text(text), want);
        }
    }
}
