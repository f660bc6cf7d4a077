//! Messages checked with independent parsers: mail-parser, and lettre's own builder as a second
//! opinion.
#![allow(clippy::unwrap_used)]

mod common;

use common::*;
use mail_parser::{HeaderForm, MessageParser, MimeHeaders as _, PartType};
use rundbrief_core::Language;
use rundbrief_mail::{Email, ListHeaders, ListId, Mailbox, MessageError, MessageWriter};

fn parse(raw: &[u8]) -> mail_parser::Message<'_> {
    MessageParser::default().parse(raw).expect("mail-parser accepts the message")
}

/// The sender, the list and a writer, as every campaign test here starts.
fn setup() -> (Mailbox, ListId, MessageWriter) {
    (from(), list_id(), MessageWriter::new(DOMAIN).unwrap())
}

/// The parsed message carries `sample`'s subject, text and HTML unchanged.
fn assert_content(msg: &mail_parser::Message<'_>, sample: &Sample) {
    let lang = sample.language.code();
    assert_eq!(msg.subject(), Some(sample.subject), "{lang} subject");
    assert_eq!(msg.body_text(0).as_deref(), Some(sample.text.as_str()), "{lang} text");
    assert_eq!(msg.body_html(0).as_deref(), Some(sample.html.as_str()), "{lang} html");
}

fn text_of<'a>(part: &'a mail_parser::MessagePart<'a>) -> &'a str {
    match &part.body {
        PartType::Text(text) | PartType::Html(text) => text,
        other => panic!("not a text part: {other:?}"),
    }
}

#[test]
fn campaign_mail_has_every_header() {
    let (from, list_id, mut writer) = setup();
    let samples = samples();
    let sample = &samples[0];
    let mut email = campaign(&from, &list_id, sample);
    email.return_path = Some("bounce+42-abc@bounces.example.org");
    let built = writer.build(&email).unwrap();
    assert_wire_clean(&built.bytes, 78);
    let msg = parse(&built.bytes);

    let sender = msg.from().and_then(|a| a.first()).unwrap();
    assert_eq!(sender.name(), Some("Rundbrief Servicestelle für EU-Bürger"));
    assert_eq!(sender.address(), Some("newsletter@example.org"));
    let to = msg.to().and_then(|a| a.first()).unwrap();
    assert_eq!(to.address(), Some("reader@example.net"));
    assert_eq!(msg.subject(), Some(sample.subject));
    assert!(msg.date().is_some_and(|d| d.is_valid()));
    let id = msg.message_id().unwrap();
    assert_eq!(id, built.message_id);
    assert!(id.ends_with("@newsletter.example.org") && id.len() > 40, "{id}");
    assert_eq!(msg.header_raw("MIME-Version").map(str::trim), Some("1.0"));
    assert_eq!(msg.header_raw("Content-Language").map(str::trim), Some("el"));
    assert_eq!(
        msg.header_raw("List-Id").map(str::trim),
        Some("\"Rundbrief\" <newsletter.example.org>")
    );
    let unsubscribe: String = msg.header_raw("List-Unsubscribe").unwrap().replace("\r\n", "");
    assert_eq!(unsubscribe.trim(), format!("<{UNSUBSCRIBE_URL}>, <{UNSUBSCRIBE_MAILTO}>"));
    // mail-parser reads the URI list like an address list.
    let urls: Vec<_> =
        msg.list_unsubscribe().as_address().unwrap().iter().filter_map(|a| a.address()).collect();
    assert_eq!(urls, [UNSUBSCRIBE_URL, UNSUBSCRIBE_MAILTO]);
    assert_eq!(
        msg.header_raw("List-Unsubscribe-Post").map(str::trim),
        Some("List-Unsubscribe=One-Click")
    );
    assert_eq!(msg.header_raw("Precedence").map(str::trim), Some("bulk"));
    assert_eq!(msg.header_raw("Auto-Submitted"), None);
    // The envelope carries the bounce address; Return-Path is the final MTA's to write.
    assert_eq!(msg.header_raw("Return-Path"), None);
    assert_eq!(built.envelope_from, "bounce+42-abc@bounces.example.org");
    assert_eq!(built.recipient, "reader@example.net");

    // multipart/alternative with text/plain first, then text/html, both UTF-8.
    let root = msg.root_part().content_type().unwrap();
    assert_eq!((root.ctype(), root.subtype()), ("multipart", Some("alternative")));
    assert_eq!(msg.parts.len(), 3);
    for (part, subtype) in [(&msg.parts[1], "plain"), (&msg.parts[2], "html")] {
        let ct = part.content_type().unwrap();
        assert_eq!((ct.ctype(), ct.subtype()), ("text", Some(subtype)));
        assert_eq!(ct.attribute("charset"), Some("utf-8"));
        assert!(!part.is_encoding_problem);
    }
    assert_eq!(text_of(&msg.parts[1]), sample.text);
    assert_eq!(text_of(&msg.parts[2]), sample.html);
}

#[test]
fn six_languages_round_trip_byte_for_byte() {
    let (from, list_id, mut writer) = setup();
    for sample in samples() {
        let email = campaign(&from, &list_id, &sample);
        let built = writer.build(&email).unwrap();
        // The long tricky line is over 998 bytes in the input; on the wire every line fits 78.
        assert_wire_clean(&built.bytes, 78);
        let msg = parse(&built.bytes);
        assert_content(&msg, &sample);
        let lang = sample.language.code();
        assert_eq!(msg.header_raw("Content-Language").map(str::trim), Some(lang));
    }
}

/// With 8BITMIME, parts go as they are: same content after parsing, CRLF only, no line over
/// 998 octets, and a dot-stuffing-free body is not assumed (the SMTP session stuffs dots).
#[test]
fn eight_bit_parts_round_trip() {
    let (from, list_id, mut writer) = setup();
    for sample in samples_that_fit() {
        let mut email = Email { eight_bit: true, ..campaign(&from, &list_id, &sample) };
        let built = writer.build(&email).unwrap();
        let lang = sample.language.code();
        assert_eq!(part_encodings(&built.bytes), ["8bit", "8bit"], "{lang}");
        assert!(!built.bytes.windows(2).any(|w| w[1] == b'\n' && w[0] != b'\r'), "{lang}: bare LF");
        assert!(built.bytes.split(|&b| b == b'\n').all(|line| line.len() <= 999), "{lang}");
        assert_content(&parse(&built.bytes), &sample);

        // The same message for a server without 8BITMIME stays 7-bit clean.
        email.eight_bit = false;
        let built = writer.build(&email).unwrap();
        assert_wire_clean(&built.bytes, 78);
        assert!(part_encodings(&built.bytes).iter().all(|e| e != "8bit"), "{lang}");
    }
}

/// A line over 998 octets cannot go as it is: that part is encoded, even with 8BITMIME.
#[test]
fn overlong_lines_are_encoded_even_with_8bitmime() {
    let (from, list_id, mut writer) = setup();
    for sample in samples() {
        let built =
            writer.build(&Email { eight_bit: true, ..campaign(&from, &list_id, &sample) }).unwrap();
        assert_wire_clean(&built.bytes, 78);
        let msg = parse(&built.bytes);
        assert_eq!(msg.body_text(0).as_deref(), Some(sample.text.as_str()));
    }
    // Exactly 998 octets fit, 999 do not.
    for (length, expected) in [(998, "7bit"), (999, "quoted-printable")] {
        let line = "a".repeat(length);
        let sample =
            Sample { language: Language::De, subject: "Länge", text: line.clone(), html: line };
        let built =
            writer.build(&Email { eight_bit: true, ..campaign(&from, &list_id, &sample) }).unwrap();
        assert_eq!(part_encodings(&built.bytes), [expected, expected], "{length}");
    }
}

/// ASCII text with short lines needs no encoding, 8BITMIME or not.
#[test]
fn ascii_parts_go_as_7bit() {
    let (from, list_id, mut writer) = setup();
    let sample = Sample {
        language: Language::En,
        subject: "Plain",
        text: "Office hours in December: Monday = 9-12.\n.\nThat's all.".to_owned(),
        html: "<p style=\"margin:0\">Office hours: Monday.</p>".to_owned(),
    };
    let built = writer.build(&campaign(&from, &list_id, &sample)).unwrap();
    assert_eq!(part_encodings(&built.bytes), ["7bit", "7bit"]);
    assert_wire_clean(&built.bytes, 78);
    let msg = parse(&built.bytes);
    assert_eq!(msg.body_text(0).as_deref(), Some(sample.text.replace('\n', "\r\n").as_str()));
    assert_eq!(msg.body_html(0).as_deref(), Some(sample.html.as_str()));
}

#[test]
fn lf_and_lone_cr_become_crlf() {
    let (from, list_id, mut writer) = setup();
    for body in [
        "Zeile eins\nZeile zwei  \n.\nFrom here\n= und Ende\n",
        "Ελληνικά\nκείμενο\rμε\r\nμικτές αλλαγές γραμμής\n",
    ] {
        let sample = Sample {
            language: Language::De,
            subject: "Zeilenenden",
            text: body.to_owned(),
            html: format!("<p>{body}</p>"),
        };
        let built = writer.build(&campaign(&from, &list_id, &sample)).unwrap();
        assert_wire_clean(&built.bytes, 78);
        let msg = parse(&built.bytes);
        let canonical = |s: &str| s.replace("\r\n", "\n").replace('\r', "\n").replace('\n', "\r\n");
        assert_eq!(msg.body_text(0).as_deref(), Some(canonical(&sample.text).as_str()));
        assert_eq!(msg.body_html(0).as_deref(), Some(canonical(&sample.html).as_str()));
    }
}

#[test]
fn message_ids_are_unique() {
    let (from, list_id, mut writer) = setup();
    let samples = samples();
    let mut out = Vec::new();
    let mut ids = std::collections::HashSet::new();
    for _ in 0..1000 {
        let id = writer.write(&campaign(&from, &list_id, &samples[2]), &mut out).unwrap();
        assert!(ids.insert(id));
    }
}

#[test]
fn transactional_mail_has_no_list_headers() {
    let from = from();
    let mut writer = MessageWriter::new(DOMAIN).unwrap();
    let email = Email::transactional(
        &from,
        "new.reader@example.net",
        "Bitte bestätigen Sie Ihre Anmeldung",
        "Bitte klicken Sie: https://rundbrief.example.org/confirm/abc\r\n",
        "<p><a href=\"https://rundbrief.example.org/confirm/abc\">Bestätigen</a></p>",
        Language::De,
    );
    let built = writer.build(&email).unwrap();
    let msg = parse(&built.bytes);
    for header in
        ["List-Id", "List-Unsubscribe", "List-Unsubscribe-Post", "Precedence", "Return-Path"]
    {
        assert_eq!(msg.header_raw(header), None, "{header}");
    }
    assert_eq!(msg.header_raw("Auto-Submitted").map(str::trim), Some("auto-generated"));
    assert_eq!(msg.subject(), Some("Bitte bestätigen Sie Ihre Anmeldung"));
    assert_eq!(built.envelope_from, "newsletter@example.org");
}

#[test]
fn plain_http_unsubscribe_gets_no_one_click_header() {
    let (from, list_id, mut writer) = setup();
    let samples = samples();
    let mut email = campaign(&from, &list_id, &samples[0]);
    email.list = Some(ListHeaders {
        list_id: &list_id,
        unsubscribe_url: "http://127.0.0.1:8080/unsubscribe/t",
        unsubscribe_mailto: None,
    });
    let msg_bytes = writer.build(&email).unwrap().bytes;
    let msg = parse(&msg_bytes);
    assert_eq!(
        msg.header_raw("List-Unsubscribe").map(str::trim),
        Some("<http://127.0.0.1:8080/unsubscribe/t>")
    );
    assert_eq!(msg.header_raw("List-Unsubscribe-Post"), None);
}

#[test]
fn extra_headers_are_written_and_injection_is_refused() {
    let (from, list_id, mut writer) = setup();
    let samples = samples();
    let mut email = campaign(&from, &list_id, &samples[1]);
    let extra =
        [("Feedback-ID", "issue-7:rundbrief"), ("X-Rundbrief-Note", "Примечание с юникодом")];
    email.extra_headers = &extra;
    let bytes = writer.build(&email).unwrap().bytes;
    let msg = parse(&bytes);
    assert_eq!(msg.header_raw("Feedback-ID").map(str::trim), Some("issue-7:rundbrief"));
    assert_eq!(
        msg.header_as("X-Rundbrief-Note", HeaderForm::Text).first().and_then(|v| v.as_text()),
        Some("Примечание с юникодом")
    );

    let bad_subject = Email { subject: "Hi\r\nBcc: everyone@example.org", ..email };
    assert_eq!(
        writer.build(&bad_subject).err(),
        Some(MessageError::LineBreak { field: "subject" })
    );
    let bad_to = Email { to: "victim@example.org>\r\nBcc: x@example.org", ..email };
    assert!(matches!(writer.build(&bad_to), Err(MessageError::InvalidAddress { field: "to" })));
    let bcc = [("Bcc", "x@example.org")];
    let with_bcc = Email { extra_headers: &bcc, ..email };
    assert!(matches!(writer.build(&with_bcc), Err(MessageError::ExtraHeader { .. })));
    let bad_url = Email {
        list: Some(ListHeaders {
            list_id: &list_id,
            unsubscribe_url: "javascript:alert(1)",
            unsubscribe_mailto: None,
        }),
        ..email
    };
    assert!(matches!(writer.build(&bad_url), Err(MessageError::InvalidUnsubscribe { .. })));
}

/// lettre's builder writes the same content its own way; mail-parser must decode both alike.
#[test]
fn agrees_with_lettre_builder() {
    use lettre::message::{Mailbox as LettreMailbox, MultiPart, header::ContentType};
    let (from, list_id, mut writer) = setup();
    for sample in samples() {
        let ours = writer.build(&campaign(&from, &list_id, &sample)).unwrap().bytes;
        let theirs = lettre::Message::builder()
            .from(LettreMailbox::new(
                from.name().map(str::to_owned),
                from.address().parse().unwrap(),
            ))
            .to("reader@example.net".parse().unwrap())
            .subject(sample.subject)
            .multipart(MultiPart::alternative_plain_html(sample.text.clone(), sample.html.clone()))
            .unwrap()
            .formatted();
        let (a, b) = (parse(&ours), parse(&theirs));
        assert_eq!(a.subject(), b.subject());
        assert_eq!(
            a.from().and_then(|x| x.first()).and_then(|x| x.name()),
            b.from().and_then(|x| x.first()).and_then(|x| x.name())
        );
        assert_eq!(a.body_text(0), b.body_text(0), "{}", sample.language.code());
        assert_eq!(a.body_html(0), b.body_html(0), "{}", sample.language.code());
        let _ = ContentType::TEXT_PLAIN;
    }
}

#[test]
fn empty_bodies_are_fine() {
    let from = from();
    let mut writer = MessageWriter::new(DOMAIN).unwrap();
    let email = Email::transactional(&from, "a@example.net", "x", "", "", Language::En);
    let bytes = writer.build(&email).unwrap().bytes;
    assert_wire_clean(&bytes, 78);
    let msg = parse(&bytes);
    assert_eq!(msg.body_text(0).as_deref().unwrap_or(""), "");
}
