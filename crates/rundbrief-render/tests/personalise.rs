//! Placeholders: known ones filled and escaped for where they land, unknown ones refused.

#![allow(clippy::unwrap_used)]

mod common;

use common::{PREFERENCES, UNSUBSCRIBE, html_escape, person, prepared, render};
use rundbrief_core::Language;
use rundbrief_i18n::Locales;
use rundbrief_render::{
    Personalisation, Placeholder, RenderError, SourceField, Templates, VariantSource,
    check_placeholders, prepare,
};

#[test]
fn all_known_placeholders_are_filled_in_every_part() {
    let md = "Hallo {{ name }} ({{email}}), Sprache: {{ language }}.\n\n\
              [Abmelden]({{ unsubscribe_url }}) [Einstellungen]({{preferences_url}})";
    let source = VariantSource {
        language: Language::De,
        subject: "Für {{ name }}",
        preheader: "Hallo {{name}}",
        markdown: md,
    };
    let p = prepare(&common::templates(), Locales::embedded(), &source, Language::De).unwrap();
    let who = person(Some("Anna"));
    assert_eq!(p.subject(&who), "Für Anna");
    let html = p.render_html(&who);
    let text = p.render_text(&who);
    assert!(html.contains("Hallo Anna (anna@example.org), Sprache: Deutsch."), "{html}");
    assert!(html.contains(">Hallo Anna\n&#8199;"), "preheader: {html}");
    assert!(html.contains(&format!("href=\"{}\"", html_escape(UNSUBSCRIBE))), "{html}");
    assert!(html.contains(&format!("href=\"{PREFERENCES}\"")), "{html}");
    assert!(text.starts_with("Hallo Anna (anna@example.org), Sprache: Deutsch.\n"), "{text}");
    assert!(text.contains(&format!("[1] {UNSUBSCRIBE}\n[2] {PREFERENCES}\n")), "{text}");
    // No sentinel or brace is left anywhere.
    for part in [&html, &text] {
        assert!(!part.contains("{{") && !part.contains("qrb"), "{part}");
    }
}

#[test]
fn unknown_placeholder_is_an_error_with_name_field_and_line() {
    let source = VariantSource {
        language: Language::De,
        subject: "Hallo",
        preheader: "",
        markdown: "Eins\n\nZwei {{ vorname }} drei",
    };
    let err =
        prepare(&common::templates(), Locales::embedded(), &source, Language::De).unwrap_err();
    match &err {
        RenderError::UnknownPlaceholder { field, name, line } => {
            assert_eq!(*field, SourceField::Body);
            assert_eq!(name, "vorname");
            assert_eq!(*line, 3);
        }
        other => panic!("unexpected error {other:?}"),
    }
    let message = err.to_string();
    assert!(message.contains("{{ vorname }}") && message.contains("line 3"), "{message}");
    assert!(message.contains("unsubscribe_url"), "lists the known ones: {message}");

    let in_subject = VariantSource { subject: "Hallo {{Name}}", markdown: "ok", ..source };
    assert!(matches!(
        check_placeholders(&in_subject),
        Err(RenderError::UnknownPlaceholder { field: SourceField::Subject, ref name, line: 1 }) if name == "Name"
    ));
    let empty = VariantSource { preheader: "{{ }}", ..in_subject };
    assert!(matches!(
        prepare(&Templates::default(), Locales::embedded(), &empty, Language::De),
        Err(RenderError::UnknownPlaceholder { field: SourceField::Subject, .. })
    ));
}

#[test]
fn markup_in_a_name_is_escaped_in_html_and_kept_in_text() {
    let who = person(Some("<b>Anna</b> & \"Co\""));
    let p = prepared(Language::De, "Hallo {{ name }}", "Hallo **{{ name }}**!", Language::De);
    let html = p.render_html(&who);
    assert!(
        html.contains("Hallo <strong>&lt;b&gt;Anna&lt;/b&gt; &amp; &quot;Co&quot;</strong>!"),
        "{html}"
    );
    assert!(!html.contains("<b>Anna"), "{html}");
    assert!(html.contains("<title>Hallo &lt;b&gt;Anna&lt;/b&gt;"), "{html}");
    assert!(p.render_text(&who).starts_with("Hallo <b>Anna</b> & \"Co\"!\n"));
    assert_eq!(p.subject(&who), "Hallo <b>Anna</b> & \"Co\"");
}

#[test]
fn placeholders_in_urls() {
    let md = "[Abmelden]({{ unsubscribe_url }})\n\n\
              [Profil](https://example.org/profil?mail={{ email }}&n={{ name }})\n\n\
              <a href=\"{{ preferences_url }}\">roh</a>\n\n\
              [Schreiben](mailto:{{ email }})";
    let who =
        Personalisation {
            name: Some("Zoë O'Brien"), email: "zoe+news@example.ie", ..person(None)
        };
    let p = prepared(Language::De, "x", md, Language::De);
    let html = p.render_html(&who);
    // Our own URL stands as it is, attribute-escaped (`&` of the query).
    assert!(html.contains("href=\"https://news.example.org/u/tok3n?l=de&amp;x=1\""), "{html}");
    // Data inside a URL is percent-encoded and cannot end the attribute or change the scheme.
    assert!(
        html.contains("href=\"https://example.org/profil?mail=zoe%2Bnews@example.ie&amp;n=Zo%C3%AB%20O%27Brien\""),
        "{html}"
    );
    assert!(html.contains(&format!("href=\"{PREFERENCES}\"")), "{html}");
    assert!(html.contains("href=\"mailto:zoe%2Bnews@example.ie\""), "{html}");
    let text = p.render_text(&who);
    assert!(text.contains(&format!("[1] {UNSUBSCRIBE}\n")), "{text}");
    assert!(
        text.contains(
            "[2] https://example.org/profil?mail=zoe%2Bnews@example.ie&n=Zo%C3%AB%20O%27Brien\n"
        ),
        "{text}"
    );
}

#[test]
fn a_hostile_name_cannot_become_a_link_target() {
    let who = person(Some("javascript:alert(1)"));
    let (html, _) = render("[x]({{ name }}) <a href=\"{{ name }}\">y</a>", &who);
    assert!(!html.to_lowercase().contains("href=\"javascript"), "{html}");
    assert!(common::safety_problems(&html).is_empty());
}

#[test]
fn empty_name_uses_the_localised_fallback_of_the_variant_language() {
    let fallback_pl = Locales::embedded().text(Language::Pl, "mail-name-fallback", &[]);
    let fallback_de = Locales::embedded().text(Language::De, "mail-name-fallback", &[]);
    assert!(!fallback_pl.is_empty());
    // A Polish variant read by a German subscriber: the greeting is Polish, so is the fallback.
    let p = prepared(Language::Pl, "Cześć {{ name }}", "Cześć {{ name }}!", Language::De);
    for name in [None, Some(""), Some("   ")] {
        let who = person(name);
        assert_eq!(p.subject(&who), format!("Cześć {fallback_pl}"));
        assert!(p.render_html(&who).contains(&format!("Cześć {}!", html_escape(&fallback_pl))));
        // The text part opens with the fallback note in German, then the content.
        assert!(p.render_text(&who).contains(&format!("\n\nCześć {fallback_pl}!\n")));
    }
    assert_ne!(fallback_pl, fallback_de, "the test needs distinct translations");
    // Surrounding blanks of a real name are not kept.
    assert_eq!(p.subject(&person(Some("  Jan "))), "Cześć Jan");
}

#[test]
fn language_placeholder_names_the_subscribers_language() {
    let p = prepared(Language::De, "{{ language }}", "Ihre Sprache: {{ language }}", Language::Pl);
    let who = person(None);
    assert_eq!(p.subject(&who), "Polski");
    assert!(p.render_html(&who).contains("Ihre Sprache: Polski"));
    assert!(p.render_text(&who).contains("\n\nIhre Sprache: Polski\n"), "after the fallback note");
}

#[test]
fn a_reused_buffer_gives_the_same_mail_as_a_fresh_one() {
    let p = prepared(Language::De, "x", "Hallo {{ name }}", Language::De);
    let mut buf = String::new();
    for name in ["Anna", "Bernd", "Anna"] {
        buf.clear();
        p.render_html_into(&person(Some(name)), &mut buf);
        assert_eq!(buf, p.render_html(&person(Some(name))));
        assert!(buf.contains(&format!("Hallo {name}")));
    }
}

#[test]
fn text_resembling_a_sentinel_is_not_mistaken_for_one() {
    let md = "Codes qrb0xnp qrb1xnp qrb2xep und {{ name }}";
    let (html, text) = render(md, &person(Some("Anna")));
    assert!(html.contains("Codes qrb0xnp qrb1xnp qrb2xep und Anna"), "{html}");
    assert!(text.starts_with("Codes qrb0xnp qrb1xnp qrb2xep und Anna\n"), "{text}");
}

#[test]
fn placeholder_list_is_public_for_the_editor() {
    let names: Vec<_> = Placeholder::ALL.iter().map(|p| p.name()).collect();
    assert_eq!(names, ["name", "email", "unsubscribe_url", "preferences_url", "language"]);
    assert_eq!(Placeholder::parse("email"), Some(Placeholder::Email));
    assert_eq!(Placeholder::parse("Email"), None);
}

#[test]
fn placeholders_in_autolinks_stay_links() {
    let (html, text) =
        render("Abmelden: <{{ unsubscribe_url }}>, Kontakt: <{{ email }}>", &person(None));
    assert!(html.contains(&format!("href=\"{}\"", html_escape(UNSUBSCRIBE))), "{html}");
    assert!(
        html.contains(">anna@example.org</a>") && html.contains("href=\"mailto:anna@example.org\""),
        "{html}"
    );
    assert!(
        text.starts_with(&format!("Abmelden: {UNSUBSCRIBE}, Kontakt: anna@example.org\n")),
        "{text}"
    );
}
