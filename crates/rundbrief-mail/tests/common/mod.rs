//! Fixtures shared by the integration tests.
#![allow(dead_code, clippy::unwrap_used)]

use rundbrief_core::Language;
use rundbrief_mail::{Email, ListHeaders, ListId, Mailbox};

pub const DOMAIN: &str = "newsletter.example.org";

/// Text in six EU languages with the awkward bits every body must survive.
pub struct Sample {
    pub language: Language,
    pub subject: &'static str,
    pub text: String,
    pub html: String,
}

/// Hard cases appended to every body: a line over 998 bytes, dots and "From " at line starts,
/// trailing spaces and tabs, a lone "=", emoji, double spaces, an empty line.
pub fn tricky_lines() -> String {
    let long = long_line();
    format!(
        ".\r\n..leading dots\r\nFrom the editor\r\ntrailing spaces   \r\ntab\tinside and trailing\t\r\n=\r\nemoji 🎉👍🏽🇪🇺 done\r\ndouble  space\r\n\r\n{long}\r\nlast line without break"
    )
}

/// The line of [`tricky_lines`] that is longer than SMTP's 998 octets.
pub fn long_line() -> String {
    "Λ".repeat(400) + &"x".repeat(300) + " "
}

/// [`samples`] without the overlong line: every part can go as 8bit, and the other tricky
/// lines (dots, trailing and double spaces, tabs) stay.
pub fn samples_that_fit() -> Vec<Sample> {
    let long = format!("{}\r\n", long_line());
    samples()
        .into_iter()
        .map(|s| Sample { text: s.text.replace(&long, ""), html: s.html.replace(&long, ""), ..s })
        .collect()
}

/// The `Content-Transfer-Encoding` of each part, in order.
pub fn part_encodings(raw: &[u8]) -> Vec<String> {
    String::from_utf8_lossy(raw)
        .split("\r\n")
        .filter_map(|line| line.strip_prefix("Content-Transfer-Encoding: "))
        .map(str::to_owned)
        .collect()
}

pub fn samples() -> Vec<Sample> {
    let tricky = tricky_lines();
    let make = |language, subject: &'static str, body: &str| Sample {
        language,
        subject,
        text: format!("{body}\r\n{tricky}"),
        html: format!(
            "<!doctype html>\r\n<html lang=\"{}\"><body><p>{body}</p>\r\n<pre>{tricky}</pre></body></html>\r\n",
            Language::code(language)
        ),
    };
    vec![
        make(
            Language::El,
            "Ενημερωτικό δελτίο: νέοι κανόνες για την εγγραφή στο δημοτολόγιο — Νοέμβριος",
            "Αγαπητοί αναγνώστες, σας ενημερώνουμε για τις αλλαγές στην εγγραφή.",
        ),
        make(
            Language::Bg,
            "Бюлетин: нови правила за регистрация по местоживеене и още новини за ноември",
            "Уважаеми читатели, ето най-важните новини за месеца.",
        ),
        make(
            Language::Mt,
            "Aġġornament: regoli ġodda għar-reġistrazzjoni — Novembru",
            "Għeżież qarrejja, hawn huma l-aħbarijiet ewlenin ta' dan ix-xahar: ċ ġ ħ ż.",
        ),
        make(
            Language::Ga,
            "Nuachtlitir: rialacha nua maidir le clárú — Samhain",
            "A léitheoirí, seo iad na príomhscéalta don mhí seo: á é í ó ú.",
        ),
        make(
            Language::Cs,
            "Zpravodaj: nová pravidla pro přihlášení k pobytu – listopad",
            "Vážení čtenáři, přinášíme nejdůležitější zprávy měsíce: ěščřžýáíé ůú.",
        ),
        make(
            Language::Pl,
            "Biuletyn: nowe zasady meldunku — listopad, zażółć gęślą jaźń",
            "Drodzy czytelnicy, oto najważniejsze wiadomości miesiąca: ąćęłńóśźż.",
        ),
    ]
}

pub fn from() -> Mailbox {
    Mailbox::new(Some("Rundbrief Servicestelle für EU-Bürger"), "newsletter@example.org").unwrap()
}

pub fn list_id() -> ListId {
    "\"Rundbrief\" <newsletter.example.org>".parse().unwrap()
}

pub const UNSUBSCRIBE_URL: &str =
    "https://rundbrief.example.org/unsubscribe/eyJzIjo0MiwicCI6InVuc3ViIn0.c2lnbmF0dXJl";
pub const UNSUBSCRIBE_MAILTO: &str = "mailto:unsubscribe+42@rundbrief.example.org";

pub fn campaign<'a>(from: &'a Mailbox, list_id: &'a ListId, sample: &'a Sample) -> Email<'a> {
    Email::campaign(
        from,
        "reader@example.net",
        sample.subject,
        &sample.text,
        &sample.html,
        sample.language,
        ListHeaders {
            list_id,
            unsubscribe_url: UNSUBSCRIBE_URL,
            unsubscribe_mailto: Some(UNSUBSCRIBE_MAILTO),
        },
    )
}

/// Every line of a message on the wire: CRLF only, 7-bit, no longer than `max` characters.
pub fn assert_wire_clean(raw: &[u8], max: usize) {
    assert!(raw.is_ascii(), "message is not 7-bit clean");
    for (i, &b) in raw.iter().enumerate() {
        if b == b'\n' {
            assert!(i > 0 && raw[i - 1] == b'\r', "bare LF at {i}");
        }
        if b == b'\r' {
            assert_eq!(raw.get(i + 1), Some(&b'\n'), "bare CR at {i}");
        }
    }
    let text = std::str::from_utf8(raw).unwrap();
    for line in text.split("\r\n") {
        assert!(line.len() <= 998, "line of {} > 998 (RFC 5322 limit): {line}", line.len());
        // An unsubscribe URI is one token that cannot be folded; it may pass the preferred 78.
        let unbreakable_uri = line.contains("<http");
        assert!(unbreakable_uri || line.len() <= max, "line of {} > {max}: {line}", line.len());
    }
}
