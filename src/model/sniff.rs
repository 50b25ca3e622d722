//! What a document is ([`detect`]): from its first bytes where they tell (signatures), from its
//! name where they do not (containers shared by several formats, text). Pure.

use super::DocumentKind;
use super::document::{SNIFF_BYTES, extension};

const OFFICE_ZIP: &[&str] = &[
    "docx", "docm", "dotx", "xlsx", "xlsm", "xltx", "pptx", "pptm", "potx", "odt", "ods", "odp",
    "odg", "ott", "ots", "pages", "numbers", "key",
];
const OFFICE_OLE: &[&str] = &["doc", "dot", "xls", "xlt", "ppt", "pot", "vsd", "pub"];
const EMAIL_EXT: &[&str] = &["eml", "emlx", "mbox"];
/// Extensions of binary formats: a file so named without their signature is `other`.
const BINARY_EXT: &[&str] = &[
    "pdf", "png", "jpg", "jpeg", "gif", "tif", "tiff", "bmp", "webp", "heic", "heif", "msg", "zip",
    "exe", "docx", "xlsx", "pptx", "odt", "ods", "odp", "doc", "xls", "ppt",
];
/// Header names that open a saved e-mail (RFC 5322, mbox, what mail programs write first).
const MAIL_HEADERS: &[&str] = &[
    "return-path",
    "received",
    "delivered-to",
    "from",
    "to",
    "cc",
    "subject",
    "date",
    "message-id",
    "mime-version",
    "reply-to",
    "sender",
    "dkim-signature",
    "authentication-results",
    "arc-seal",
    "x-mozilla-status",
    "x-sender",
    "x-received",
    "thread-topic",
    "content-type",
];

fn is_image(head: &[u8]) -> bool {
    head.starts_with(b"\x89PNG\r\n\x1a\n")
        || head.starts_with(b"\xff\xd8\xff")
        || head.starts_with(b"GIF87a")
        || head.starts_with(b"GIF89a")
        || head.starts_with(b"II*\0")
        || head.starts_with(b"MM\0*")
        || head.starts_with(b"BM") && head.len() > 14 && head[6..10] == [0, 0, 0, 0]
        || head.len() >= 12 && &head[..4] == b"RIFF" && &head[8..12] == b"WEBP"
        || head.len() >= 12
            && &head[4..8] == b"ftyp"
            && [&b"heic"[..], b"heix", b"mif1", b"avif"].contains(&&head[8..12])
}

/// Text: no NUL byte, and UTF-8 (a character cut off at the end allowed) or one of the
/// single-byte encodings (no control bytes but tab, line breaks and form feed); or a UTF-16
/// byte order mark.
fn is_text(head: &[u8]) -> bool {
    if head.starts_with(b"\xff\xfe") || head.starts_with(b"\xfe\xff") {
        return true;
    }
    if head.contains(&0) {
        return false;
    }
    match std::str::from_utf8(head) {
        Ok(_) => true,
        Err(e) if e.error_len().is_none() => true,
        Err(_) => head
            .iter()
            .all(|&b| b >= 0x20 || matches!(b, b'\t' | b'\n' | b'\r' | 0x0c)),
    }
}

/// Whether the first lines are mail headers: an mbox `From ` line, or two known headers.
fn is_mail(head: &[u8]) -> bool {
    let text = String::from_utf8_lossy(head);
    if text.starts_with("From ") {
        return true;
    }
    let known = text
        .lines()
        .take(12)
        .take_while(|l| !l.trim().is_empty())
        .filter_map(|l| l.split_once(':').map(|(name, _)| name.to_ascii_lowercase()))
        .filter(|name| MAIL_HEADERS.contains(&name.as_str()) || name.starts_with("x-"))
        .count();
    known >= 2
}

/// The kind of a document from its name and its first bytes (up to [`SNIFF_BYTES`]). The
/// bytes decide where they can: a signature (PDF, the image formats, the ZIP and OLE
/// containers of office files, RTF) wins over the name, and a name that promises a binary
/// format the bytes do not have gives `other`. The name decides between the formats that
/// share a container (a ZIP is an office file only as .docx, .xlsx, .odt and the like; an
/// OLE file is an e-mail as .msg) and for text (.eml is an e-mail; text that opens with mail
/// headers is one too).
pub fn detect(name: &str, head: &[u8]) -> DocumentKind {
    let head = &head[..head.len().min(SNIFF_BYTES)];
    let ext = extension(name).unwrap_or_default();
    let ext = ext.as_str();
    if head.windows(5).any(|w| w == b"%PDF-") {
        return DocumentKind::Pdf;
    }
    if is_image(head) {
        return DocumentKind::Image;
    }
    if head.starts_with(b"PK\x03\x04") {
        return if OFFICE_ZIP.contains(&ext) {
            DocumentKind::Office
        } else {
            DocumentKind::Other
        };
    }
    if head.starts_with(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1") {
        return match ext {
            "msg" => DocumentKind::Email,
            e if OFFICE_OLE.contains(&e) => DocumentKind::Office,
            _ => DocumentKind::Other,
        };
    }
    if head.starts_with(b"{\\rtf") {
        return DocumentKind::Office;
    }
    if head.is_empty() || !is_text(head) || BINARY_EXT.contains(&ext) {
        return DocumentKind::Other;
    }
    if EMAIL_EXT.contains(&ext) || is_mail(head) {
        DocumentKind::Email
    } else {
        // .txt, .csv, .html and any other text.
        DocumentKind::Text
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use DocumentKind::*;

    #[test]
    fn the_bytes_decide_the_kind_where_they_can() {
        let pdf = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj";
        assert_eq!(detect("verslag.pdf", pdf), Pdf, "a PDF is a PDF");
        assert_eq!(
            detect("verslag.bin", pdf),
            Pdf,
            "the signature wins over a wrong extension"
        );
        assert_eq!(
            detect("scan", b"\x00\x00junk before %PDF-1.4"),
            Pdf,
            "readers accept a PDF signature after some leading bytes, so does Kluis"
        );
        assert_eq!(
            detect("foto.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF"),
            Image,
            "a JPEG photo"
        );
        assert_eq!(
            detect("schermafdruk.png", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"),
            Image,
            "a PNG screenshot"
        );
        assert_eq!(
            detect("IMG_0001.HEIC", b"\0\0\0\x18ftypheic\0\0\0\0"),
            Image,
            "a phone photo (HEIC), extension in capitals"
        );
        assert_eq!(
            detect("verslag.pdf", b"this is not a pdf at all"),
            Other,
            "a name that promises a PDF without its signature is not trusted"
        );
    }

    #[test]
    fn containers_are_told_apart_by_the_name() {
        let zip = b"PK\x03\x04\x14\0\x06\0\x08\0";
        assert_eq!(detect("brief.docx", zip), Office, "Word is a ZIP");
        assert_eq!(detect("rooster.ODS", zip), Office, "so is OpenDocument");
        assert_eq!(
            detect("archief.zip", zip),
            Other,
            "a plain ZIP archive is no office file"
        );
        let ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\0\0";
        assert_eq!(detect("oud.doc", ole), Office, "Word 97-2003");
        assert_eq!(
            detect("bericht.msg", ole),
            Email,
            "an Outlook message is an e-mail"
        );
        assert_eq!(detect("notitie.rtf", b"{\\rtf1\\ansi"), Office, "rich text");
    }

    #[test]
    fn text_is_an_email_when_named_so_or_when_it_opens_with_mail_headers() {
        let mail = b"Return-Path: <a@example.invalid>\r\nFrom: A <a@example.invalid>\r\nSubject: Verzonnen\r\n\r\nTekst";
        assert_eq!(detect("bericht.eml", mail), Email, "an .eml file");
        assert_eq!(
            detect("bericht.txt", mail),
            Email,
            "mail headers make an e-mail of a saved text"
        );
        assert_eq!(
            detect("bericht.eml", b"Hallo,\ndit is verzonnen."),
            Email,
            "the name .eml is enough for text"
        );
        assert_eq!(
            detect("aantekening.txt", b"Datum: morgen\nWat: verzonnen"),
            Text,
            "one line with a colon is no mail header block"
        );
        assert_eq!(
            detect("notities", "caf\u{e9} op de hoek".as_bytes()),
            Text,
            "text without extension"
        );
        assert_eq!(
            detect("oud.txt", b"caf\xe9 in Windows-1252"),
            Text,
            "single-byte text from an older program"
        );
        let cut = "één".as_bytes();
        assert_eq!(
            detect("lang.txt", &cut[..cut.len() - 1]),
            Text,
            "a UTF-8 character cut off by the sniff window is still text"
        );
        assert_eq!(
            detect("data.bin", b"\x01\x02\x00\x03"),
            Other,
            "binary without a known signature"
        );
        assert_eq!(detect("leeg.txt", b""), Other, "nothing to look at");
    }
}
