//! Text files and text cells: decoding bytes whatever the encoding, finding the delimiter of a
//! CSV file, cleaning a cell, and folding a value for comparison.

use encoding_rs::{Encoding, UTF_8, UTF_16BE, UTF_16LE, WINDOWS_1252};

/// How a text file was encoded, as detected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum TextEncoding {
    /// UTF-8, with or without a byte-order mark.
    Utf8,
    /// UTF-16 little endian (with its byte-order mark, as Excel's "Unicode text" writes it).
    Utf16Le,
    /// UTF-16 big endian (with its byte-order mark).
    Utf16Be,
    /// Windows-1252 (a superset of ISO-8859-1): what older Dutch Excel versions write.
    Windows1252,
}

/// Decodes a text file: a byte-order mark decides; without one, valid UTF-8 is UTF-8 and
/// anything else is read as Windows-1252 (every byte sequence is valid Windows-1252, so
/// nothing is dropped). Also returns whether a UTF-16 file without a mark was likely (many
/// NUL bytes), which is decoded by guessing its byte order from where the NULs are.
pub fn decode(bytes: &[u8]) -> (String, TextEncoding) {
    if let Some((enc, bom)) = Encoding::for_bom(bytes) {
        let body = &bytes[bom..];
        let (text, _) = enc.decode_without_bom_handling(body);
        return (text.into_owned(), label(enc));
    }
    // UTF-16 without a mark: every other byte of ASCII text is NUL.
    let sample = &bytes[..bytes.len().min(4096)];
    let nul_even = sample.iter().step_by(2).filter(|&&b| b == 0).count();
    let nul_odd = sample
        .iter()
        .skip(1)
        .step_by(2)
        .filter(|&&b| b == 0)
        .count();
    let half = sample.len() / 2;
    if half >= 2 && nul_odd * 10 >= half * 8 {
        let (text, _) = UTF_16LE.decode_without_bom_handling(bytes);
        return (text.into_owned(), TextEncoding::Utf16Le);
    }
    if half >= 2 && nul_even * 10 >= half * 8 {
        let (text, _) = UTF_16BE.decode_without_bom_handling(bytes);
        return (text.into_owned(), TextEncoding::Utf16Be);
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => (s.to_owned(), TextEncoding::Utf8),
        Err(_) => {
            let (text, _) = WINDOWS_1252.decode_without_bom_handling(bytes);
            (text.into_owned(), TextEncoding::Windows1252)
        }
    }
}

fn label(enc: &'static Encoding) -> TextEncoding {
    if enc == UTF_16LE {
        TextEncoding::Utf16Le
    } else if enc == UTF_16BE {
        TextEncoding::Utf16Be
    } else {
        debug_assert!(enc == UTF_8);
        TextEncoding::Utf8
    }
}

/// The delimiter of a CSV text: of `;`, `,`, tab and `|`, the one that occurs the same
/// nonzero number of times (outside quotes) on most of the first lines; ties go to the one
/// seen most. Dutch Excel writes `;`, international tools `,`.
pub fn sniff_delimiter(text: &str) -> u8 {
    const CANDIDATES: [u8; 4] = [b';', b',', b'\t', b'|'];
    let lines = logical_lines(text, 20);
    let mut best = (b',', 0usize, 0usize);
    for &d in &CANDIDATES {
        let counts: Vec<usize> = lines.iter().map(|l| count_outside_quotes(l, d)).collect();
        // The most common nonzero count, and on how many lines it occurs.
        let mut freq: Vec<(usize, usize)> = Vec::new();
        for &c in counts.iter().filter(|&&c| c > 0) {
            match freq.iter_mut().find(|(n, _)| *n == c) {
                Some((_, k)) => *k += 1,
                None => freq.push((c, 1)),
            }
        }
        let consistent = freq.iter().map(|&(_, k)| k).max().unwrap_or(0);
        let total: usize = counts.iter().sum();
        if (consistent, total) > (best.1, best.2) {
            best = (d, consistent, total);
        }
    }
    best.0
}

/// The first `n` lines of a CSV text, a quoted line break kept inside its line.
fn logical_lines(text: &str, n: usize) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut quoted = false;
    for (i, c) in text.char_indices() {
        match c {
            '"' => quoted = !quoted,
            '\n' if !quoted => {
                out.push(&text[start..i]);
                start = i + 1;
                if out.len() == n {
                    return out;
                }
            }
            _ => {}
        }
    }
    if start < text.len() {
        out.push(&text[start..]);
    }
    out
}

fn count_outside_quotes(line: &str, d: u8) -> usize {
    let mut quoted = false;
    let mut n = 0;
    for b in line.bytes() {
        if b == b'"' {
            quoted = !quoted;
        } else if b == d && !quoted {
            n += 1;
        }
    }
    n
}

/// A cell's text as it may be stored: line breaks made `\n`, every other control character
/// (NUL, escape sequences, bidirectional overrides: what
/// [`crate::model::is_control_character`] refuses) removed. Returns the text and whether
/// anything was removed, so the dry run can say so.
pub fn clean(text: &str) -> (String, bool) {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let mut removed = false;
    let out: String = text
        .chars()
        .filter(|&c| {
            let keep = c == '\n' || c == '\t' || !crate::model::is_control_character(c);
            removed |= !keep;
            keep
        })
        .collect();
    (out.trim().to_owned(), removed)
}

/// A value folded for comparison: lower case, accents removed (é → e, ë → e, ç → c, ß → ss,
/// ĳ → ij), every run of other characters one space. "Agressie & Geweld" and
/// "agressie-geweld" fold alike.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = true;
    for c in text.chars().flat_map(char::to_lowercase) {
        if let Some(base) = strip_accent(c) {
            out.push_str(base);
            space = false;
        } else if c.is_alphanumeric() {
            out.push(c);
            space = false;
        } else if !space {
            out.push(' ');
            space = true;
        }
    }
    if out.ends_with(' ') {
        out.pop();
    }
    out
}

/// The unaccented form of a lower-case Latin letter (Latin-1 and Latin Extended-A, which
/// covers Dutch, German, French, Turkish and the Nordic and Central European languages).
fn strip_accent(c: char) -> Option<&'static str> {
    Some(match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => "a",
        'æ' => "ae",
        'ç' | 'ć' | 'ĉ' | 'ċ' | 'č' => "c",
        'ď' | 'đ' => "d",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' => "e",
        'ĝ' | 'ğ' | 'ġ' | 'ģ' => "g",
        'ĥ' | 'ħ' => "h",
        'ì' | 'í' | 'î' | 'ï' | 'ĩ' | 'ī' | 'ĭ' | 'į' | 'ı' => "i",
        'ĳ' => "ij",
        'ĵ' => "j",
        'ķ' => "k",
        'ĺ' | 'ļ' | 'ľ' | 'ŀ' | 'ł' => "l",
        'ñ' | 'ń' | 'ņ' | 'ň' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ŏ' | 'ő' => "o",
        'œ' => "oe",
        'ŕ' | 'ŗ' | 'ř' => "r",
        'ś' | 'ŝ' | 'ş' | 'š' => "s",
        'ß' => "ss",
        'ţ' | 'ť' | 'ŧ' => "t",
        'ù' | 'ú' | 'û' | 'ü' | 'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' => "u",
        'ŵ' => "w",
        'ý' | 'ÿ' | 'ŷ' => "y",
        'ź' | 'ż' | 'ž' => "z",
        _ => return None,
    })
}

/// The letter name of a 0-based column: 0 → A, 25 → Z, 26 → AA.
pub fn column_letter(mut index: usize) -> String {
    let mut out = Vec::new();
    loop {
        out.push(b'A' + (index % 26) as u8);
        if index < 26 {
            break;
        }
        index = index / 26 - 1;
    }
    out.reverse();
    String::from_utf8(out).expect("ASCII letters")
}

/// The 0-based index of a column letter name (`A`, `aa`); `None` for anything else.
pub fn column_index(letters: &str) -> Option<usize> {
    let letters = letters.trim();
    if letters.is_empty() || letters.len() > 3 || !letters.chars().all(|c| c.is_ascii_alphabetic())
    {
        return None;
    }
    let mut n = 0usize;
    for c in letters.chars() {
        n = n * 26 + (c.to_ascii_uppercase() as usize - 'A' as usize + 1);
    }
    Some(n - 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_byte_order_mark_decides_the_encoding() {
        let mut utf16 = vec![0xFF, 0xFE];
        for u in "Organisatie;Datum".encode_utf16() {
            utf16.extend_from_slice(&u.to_le_bytes());
        }
        assert_eq!(
            decode(&utf16),
            ("Organisatie;Datum".to_owned(), TextEncoding::Utf16Le),
            "Excel's 'Unicode text' is UTF-16 LE with a mark"
        );
        let utf8 = [&[0xEF, 0xBB, 0xBF][..], "Café".as_bytes()].concat();
        assert_eq!(
            decode(&utf8),
            ("Café".to_owned(), TextEncoding::Utf8),
            "the UTF-8 mark is removed, not read as a character of the first header"
        );
    }

    #[test]
    fn bytes_that_are_not_utf8_are_read_as_windows_1252() {
        // "Coördinator" as Windows-1252: ö is 0xF6, which is not valid UTF-8 on its own.
        let bytes = b"Co\xF6rdinator";
        assert_eq!(
            decode(bytes),
            ("Coördinator".to_owned(), TextEncoding::Windows1252),
            "older Dutch Excel versions save CSV as Windows-1252"
        );
    }

    #[test]
    fn utf16_without_a_mark_is_recognised_by_its_nul_bytes() {
        let mut le = Vec::new();
        for u in "a;b\n1;2\n".encode_utf16() {
            le.extend_from_slice(&u.to_le_bytes());
        }
        assert_eq!(
            decode(&le).0,
            "a;b\n1;2\n",
            "NULs at odd offsets: little endian"
        );
    }

    #[test]
    fn the_delimiter_is_the_one_used_consistently() {
        assert_eq!(
            sniff_delimiter("a;b;c\n1;2,5;3\n4;5;6\n"),
            b';',
            "Dutch decimal commas"
        );
        assert_eq!(
            sniff_delimiter("a,b,c\n1,\"x;y\",3\n"),
            b',',
            "quoted ; is not a delimiter"
        );
        assert_eq!(sniff_delimiter("a\tb\n1\t2\n"), b'\t');
    }

    #[test]
    fn cleaning_keeps_line_breaks_and_removes_control_characters() {
        let (text, removed) = clean("  regel 1\r\nregel 2\u{1b}[31m\u{202e}\u{0}  ");
        assert_eq!(
            text, "regel 1\nregel 2[31m",
            "CR LF is a line break, ESC/RLO/NUL go"
        );
        assert!(
            removed,
            "the dry run must be able to say something was removed"
        );
        assert_eq!(clean("gewoon"), ("gewoon".to_owned(), false));
    }

    #[test]
    fn folding_ignores_case_accents_and_punctuation() {
        assert_eq!(fold("  Agressie & GEWELD "), "agressie geweld");
        assert_eq!(fold("agressie-geweld"), "agressie geweld");
        assert_eq!(fold("Coördinatie, één"), "coordinatie een");
        assert_eq!(fold("Straße"), "strasse");
    }

    #[test]
    fn column_letters_round_trip() {
        for (i, l) in [
            (0, "A"),
            (25, "Z"),
            (26, "AA"),
            (51, "AZ"),
            (52, "BA"),
            (701, "ZZ"),
            (702, "AAA"),
        ] {
            assert_eq!(column_letter(i), l);
            assert_eq!(column_index(l), Some(i));
        }
        assert_eq!(column_index("a"), Some(0), "lower case is accepted");
        assert_eq!(column_index("A1"), None, "a cell reference is not a column");
        assert_eq!(column_index(""), None);
    }
}
