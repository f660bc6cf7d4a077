//! The mail around the content: footer, fallback note, languages, no external resources, and
//! the text part.

#![allow(clippy::unwrap_used)]

mod common;

use common::{PREFERENCES, UNSUBSCRIBE, html_escape, person, prepared, render, templates};
use rundbrief_core::Language;
use rundbrief_i18n::{Arg, Locales};
use rundbrief_render::choose_variant;

/// The text part wraps long footer sentences; compare with line breaks as spaces.
fn unwrapped(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn footer_has_why_links_and_imprint_in_the_readers_language() {
    let locales = Locales::embedded();
    let t = templates();
    let org = &t.organisation;
    for lang in [Language::De, Language::Fr, Language::El] {
        let p = prepared(lang, "S", "Inhalt", lang);
        let html = p.render_html(&person(None));
        let text = p.render_text(&person(None));
        let why = locales.text(lang, "mail-footer-why", &[("organisation", Arg::Str(&org.name))]);
        let unsubscribe = locales.text(lang, "mail-footer-unsubscribe", &[]);
        let preferences = locales.text(lang, "mail-footer-preferences", &[]);
        let imprint = locales.text(lang, "mail-footer-imprint", &[]);
        for needle in [&why, &unsubscribe, &preferences, &imprint, &org.name] {
            assert!(html.contains(&html_escape(needle)), "{lang:?}: {needle} missing in HTML");
            assert!(
                unwrapped(&text).contains(&unwrapped(needle)),
                "{lang:?}: {needle} missing in text"
            );
        }
        assert!(
            html.contains(&format!(
                "<a href=\"{}\" style=\"color:#0b57a4;text-decoration:underline;\">{}</a>",
                html_escape(UNSUBSCRIBE),
                html_escape(&unsubscribe)
            )),
            "{html}"
        );
        assert!(html.contains(&format!("href=\"{PREFERENCES}\"")));
        assert!(text.contains(&format!("{unsubscribe}: {UNSUBSCRIBE}\n")), "{text}");
        assert!(text.contains(&format!("{preferences}: {PREFERENCES}\n")), "{text}");
        for line in org.address.iter().chain(&org.imprint) {
            assert!(html.contains(&html_escape(line)), "{line}");
            assert!(text.contains(line.as_str()), "{line}");
        }
        assert!(
            html.starts_with(&format!(
                "<!DOCTYPE html><html lang=\"{}\" dir=\"ltr\">",
                lang.code()
            ))
        );
    }
}

#[test]
fn fallback_mail_has_the_frame_in_the_readers_language_and_the_note_above_the_content() {
    let locales = Locales::embedded();
    let note = locales.text(
        Language::Pl,
        "mail-fallback-note",
        &[("requested", Arg::Str("Polski")), ("used", Arg::Str("Deutsch"))],
    );
    let p = prepared(Language::De, "S", "Inhalt der Ausgabe", Language::Pl);
    assert_eq!(p.language(), Language::De);
    assert_eq!(p.subscriber_language(), Language::Pl);
    let html = p.render_html(&person(None));
    assert!(html.contains(&format!(">{}</p>", html_escape(&note))), "note missing: {note}\n{html}");
    assert!(html.contains("<html lang=\"pl\""), "the frame is Polish");
    let content = html.find("Inhalt der Ausgabe").unwrap();
    let block =
        html[..content].rfind("<td lang=\"de\" dir=\"ltr\"").expect("content marked German");
    assert!(html.find(&html_escape(&note)).unwrap() < block, "the note stands above the content");
    for id in ["mail-footer-unsubscribe", "mail-footer-preferences", "mail-footer-imprint"] {
        let polish = html_escape(&locales.text(Language::Pl, id, &[]));
        assert!(html[content..].contains(&polish), "{id} in Polish after the content");
        assert!(
            !html.contains(&html_escape(&locales.text(Language::De, id, &[]))),
            "{id} not German"
        );
    }
    let text = unwrapped(&p.render_text(&person(None)));
    let note_at = text.find(&unwrapped(&note)).expect("note in the text part");
    assert!(note_at < text.find("Inhalt der Ausgabe").unwrap(), "text: note first");

    let same = prepared(Language::De, "S", "Inhalt", Language::De);
    let html = same.render_html(&person(None));
    let note_de = locales.text(
        Language::De,
        "mail-fallback-note",
        &[("requested", Arg::Str("Deutsch")), ("used", Arg::Str("Deutsch"))],
    );
    assert!(!html.contains(&html_escape(&note_de)) && !html.contains("lang=\"pl\""));
}

#[test]
fn variant_choice_follows_own_language_then_chain() {
    let chain = [Language::De, Language::En];
    assert_eq!(
        choose_variant(Language::Pl, &[Language::De, Language::Pl], &chain),
        Some(Language::Pl)
    );
    assert_eq!(
        choose_variant(Language::Pl, &[Language::En, Language::De], &chain),
        Some(Language::De)
    );
    assert_eq!(choose_variant(Language::Pl, &[Language::En], &chain), Some(Language::En));
    assert_eq!(choose_variant(Language::Pl, &[Language::Fr], &chain), None);
}

#[test]
fn eu_scripts_survive_byte_for_byte() {
    let samples = [
        (Language::El, "Καλημέρα σας! Ενημερωτικό δελτίο για πολίτες της ΕΕ — ΑΒΓΔ ΰΐ"),
        (Language::Bg, "Здравейте! Бюлетин за гражданите на ЕС: ъ ь ю я щ"),
        (Language::Mt, "Għażiż qarrej, iċ-ċittadini taż-żona: ħ ġ ż ċ Ħ Ġ Ż Ċ"),
        (Language::Ga, "Dia dhuit! Nuachtlitir do shaoránaigh an AE: á é í ó ú Á É Í Ó Ú"),
        (Language::Cs, "Příliš žluťoučký kůň úpěl ďábelské ódy"),
        (Language::Pl, "Zażółć gęślą jaźń — ĄĆĘŁŃÓŚŹŻ"),
    ];
    for (lang, sample) in samples {
        let md = format!("# {sample}\n\n{sample}\n\n- {sample}\n\n[{sample}](https://example.eu)");
        let p = prepared(lang, sample, &md, lang);
        let who = person(Some(sample));
        let html = p.render_html(&who);
        let text = p.render_text(&who);
        assert_eq!(p.subject(&who), sample);
        assert!(html.matches(sample).count() >= 5, "{lang:?}: {html}");
        assert!(text.contains(&format!("{sample}\n")), "{lang:?}: {text}");
        assert!(text.contains(&format!("- {sample}\n")), "{lang:?}: {text}");
        assert!(text.contains(&format!("{sample} [1]")), "{lang:?}: {text}");
        assert!(p.render_text(&person(Some(sample))).contains(sample));
    }
}

#[test]
fn layout_is_self_contained_with_inline_styles() {
    let (html, _) = render("Inhalt", &person(None));
    let lower = html.to_lowercase();
    for forbidden in
        ["<style", "<link", "<script", "@import", "url(", "@font-face", "<img", "class="]
    {
        assert!(!lower.contains(forbidden), "{forbidden} in layout");
    }
    assert!(html.contains("max-width:600px"));
    assert!(html.contains("name=\"viewport\" content=\"width=device-width, initial-scale=1\""));
    assert!(common::safety_problems(&html).is_empty());
    // Every element that is styled is styled inline.
    let styled = common::tags(&html)
        .iter()
        .filter(|(_, attrs)| attrs.iter().any(|(n, _)| n == "style"))
        .count();
    assert!(styled >= 8, "{styled}");
}

#[test]
fn preheader_is_hidden_and_optional() {
    let (html, _) = render("Inhalt", &person(None));
    assert!(html.contains("<div style=\"display:none;"), "{html}");
    assert!(html.contains(">Vorschau\n&#8199;"), "{html}");
    // The layout breaks its lines, so that a mail can go without transfer encoding (8BITMIME
    // allows lines of up to 998 octets).
    let longest = html.lines().map(str::len).max().unwrap_or_default();
    assert!(longest <= 998, "a line of {longest} octets");

    let source = rundbrief_render::VariantSource {
        language: Language::De,
        subject: "S",
        preheader: "  ",
        markdown: "Inhalt",
    };
    let p = rundbrief_render::prepare(&templates(), Locales::embedded(), &source, Language::De)
        .unwrap();
    assert!(!p.render_html(&person(None)).contains("display:none"));
}

#[test]
fn text_part_is_readable_plain_text() {
    let md = "# Neues aus dem Servicezentrum\n\n\
              Wir haben **neue Öffnungszeiten** und eine _neue_ Adresse. Lesen Sie \
              [die Details](https://example.org/details?a=1&b=2) oder schreiben Sie an \
              <info@example.org>. Mehr unter <https://example.org>.\n\n\
              ## Termine\n\n\
              1. Beratung in Kiel\n2. Beratung in Lübeck\n\n\
              - Formulare: [Download](https://example.org/formulare)\n- Fragen? [Kontakt](https://example.org/kontakt)\n\n\
              > Ein Zitat mit &amp; und &lt;Zeichen&gt;.\n\n\
              ![Foto vom Team](https://example.org/team.jpg)\n\n\
              | Ort | Zeit |\n|---|---|\n| Kiel | 10 Uhr |\n\n\
              Siehe noch einmal [die Details](https://example.org/details?a=1&b=2).";
    let (_, text) = render(md, &person(None));
    let body = text.split("\n-- \n").next().unwrap();
    let expected = "\
Neues aus dem Servicezentrum
============================

Wir haben neue Öffnungszeiten und eine neue Adresse. Lesen Sie die
Details [1] oder schreiben Sie an info@example.org. Mehr unter
https://example.org.

Termine
-------

1. Beratung in Kiel
2. Beratung in Lübeck

- Formulare: Download [2]
- Fragen? Kontakt [3]

> Ein Zitat mit & und <Zeichen>.

Foto vom Team

Ort  | Zeit
-----|-------
Kiel | 10 Uhr

Siehe noch einmal die Details [1].

[1] https://example.org/details?a=1&b=2
[2] https://example.org/formulare
[3] https://example.org/kontakt
";
    assert_eq!(body, expected);
    // Nothing of HTML is left in the whole text part, footer included.
    assert!(!text.contains("&amp;") && !text.contains("&lt;") && !text.contains("&#"), "{text}");
    assert!(!text.contains("<a ") && !text.contains("<p") && !text.contains("</"), "{text}");
    assert!(text.lines().all(|l| l.chars().count() <= 72 || !l.contains(' ')), "{text}");
}

#[test]
fn every_mail_links_imprint_and_privacy_in_the_readers_language() {
    let t = templates().with_fallback(&[Language::De, Language::En]);
    let source = rundbrief_render::VariantSource {
        language: Language::De,
        subject: "S",
        preheader: "",
        markdown: "Inhalt",
    };
    for (reader, privacy) in [
        (Language::En, "https://example.org/en/privacy"),
        (Language::Hu, "https://example.org/datenschutz"),
    ] {
        let p = rundbrief_render::prepare(&t, Locales::embedded(), &source, reader).unwrap();
        let html = p.render_html(&person(None));
        let text = p.render_text(&person(None));
        let label = Locales::embedded().text(reader, "mail-footer-privacy", &[]);
        assert!(html.contains(&format!("href=\"{privacy}\"")), "{reader:?}: {html}");
        assert!(html.contains("href=\"https://example.org/impressum\""), "{reader:?}");
        assert!(text.contains(&format!("{label}: {privacy}")), "{reader:?}: {text}");
        assert!(text.contains("https://example.org/impressum"), "{reader:?}");
    }
}

#[test]
fn without_an_organisation_name_the_mail_says_the_newsletter_never_the_product() {
    let source = rundbrief_render::VariantSource {
        language: Language::De,
        subject: "S",
        preheader: "",
        markdown: "Inhalt",
    };
    let t = rundbrief_render::Templates::default();
    for reader in [Language::De, Language::Hu] {
        let p = rundbrief_render::prepare(&t, Locales::embedded(), &source, reader).unwrap();
        let (html, text) = (p.render_html(&person(None)), p.render_text(&person(None)));
        for id in ["mail-sender-unnamed", "mail-footer-why-unnamed"] {
            let expected = Locales::embedded().text(reader, id, &[]);
            assert!(html.contains(&html_escape(&expected)), "{reader:?} {id}: {html}");
            assert!(unwrapped(&text).contains(&unwrapped(&expected)), "{reader:?} {id}");
        }
        assert!(!html.contains("Rundbrief") && !text.contains("Rundbrief"));
    }
}
