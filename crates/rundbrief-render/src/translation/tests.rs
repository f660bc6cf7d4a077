use super::*;

const BODY: &str = "# Hallo {{ name }}\n\nDas ist *wichtig* und **sehr** wichtig, siehe [unsere Seite](https://example.org/a?b=1 \"Titel\").\nZweite Zeile.\n\n- erster Punkt\n- zweiter mit `code`\n  - verschachtelt\n\n```\nkein Text\n```\n\n1. Eins\n\n[Abmelden]({{ unsubscribe_url }})\n";

fn source() -> VariantText {
    VariantText {
        subject: "Neues für {{ name }}".into(),
        preheader: "Kurz gesagt".into(),
        markdown: BODY.into(),
    }
}

fn header() -> Header {
    Header { issue: 7, source_lang: "de".into(), target_lang: "pl".into(), source_revision: 3 }
}

/// Every text run prefixed, codes kept: what a translator does.
fn translate(runs: &[Inline]) -> Vec<Inline> {
    runs.iter()
        .map(|r| match r {
            Inline::Text(t) => Inline::Text(format!("PL {t}")),
            Inline::Pc { id, start, end, children } => Inline::Pc {
                id: *id,
                start: start.clone(),
                end: end.clone(),
                children: translate(children),
            },
            ph => ph.clone(),
        })
        .collect()
}

fn translated() -> VariantText {
    let units = variant_units(&source().subject, &source().preheader, BODY);
    let targets: Vec<(String, String)> = units
        .iter()
        .map(|u| (u.id.clone(), units::to_markdown(&translate(&u.source), u.kind)))
        .collect();
    let take = |id: &str| targets.iter().find(|(i, _)| i == id).unwrap().1.clone();
    VariantText {
        subject: take("subject"),
        preheader: take("preheader"),
        markdown: rebuild_body(BODY, &units, &targets),
    }
}

/// The HTML as the renderer makes it, a line break inside a paragraph as a space (a unit is
/// one line).
fn html(markdown: &str) -> String {
    let (masked, _) = units::mask_placeholders(markdown);
    crate::markdown::to_unsafe_html(&masked, "").replace('\n', " ")
}

#[test]
fn units_by_block_with_codes() {
    let units = variant_units("S {{ name }}", "", BODY);
    let ids: Vec<&str> = units.iter().map(|u| u.id.as_str()).collect();
    assert_eq!(ids, ["subject", "b1", "b2", "b3", "b4", "b5", "b6", "b7"]);
    assert_eq!(units[1].kind, UnitKind::Heading(1));
    assert_eq!(
        units[1].source,
        vec![Inline::Text("Hallo ".into()), Inline::Ph { id: 1, data: "{{ name }}".into() }]
    );
    assert_eq!(units[3].kind, UnitKind::ListItem);
    assert_eq!(units[4].source_markdown(), "zweiter mit `code`");
    assert_eq!(units[7].source_markdown(), "[Abmelden]({{ unsubscribe_url }})");
    assert!(
        units[2].source_markdown().contains("[unsere Seite](https://example.org/a?b=1 \"Titel\")")
    );
    assert!(units[2].source_markdown().contains("*wichtig*"));
}

#[test]
fn the_source_rebuilds_itself() {
    let units = variant_units("", "", BODY);
    let targets: Vec<(String, String)> =
        units.iter().map(|u| (u.id.clone(), u.source_markdown())).collect();
    let rebuilt = rebuild_body(BODY, &units, &targets);
    assert_eq!(html(&rebuilt), html(BODY));
}

#[test]
fn round_trip_in_every_format() {
    let want = translated();
    for format in [TranslationFormat::Xliff2, TranslationFormat::Xliff12, TranslationFormat::Po] {
        // An export with the translation as existing targets is a filled file.
        let file = export(format, &header(), &source(), Some(&want));
        assert!(file.contains("PL "), "{format:?} has targets:\n{file}");
        let read = read(file.as_bytes()).unwrap();
        assert_eq!(read.header, header());
        let got = import(&read, &source()).unwrap_or_else(|p| panic!("{format:?}: {p:?}\n{file}"));
        assert_eq!(got.subject, "PL Neues für {{ name }}");
        assert_eq!(html(&got.markdown), html(&want.markdown), "{format:?}");
        assert_eq!(html(&got.markdown).matches("<li>").count(), html(BODY).matches("<li>").count());
        assert!(got.markdown.contains("](https://example.org/a?b=1 \"Titel\")"));
        assert!(got.markdown.contains("## ") || got.markdown.starts_with("# PL Hallo {{ name }}"));
    }
}

#[test]
fn an_empty_export_is_refused_naming_every_unit() {
    let file = export(TranslationFormat::Xliff2, &header(), &source(), None);
    let problems = import(&read(file.as_bytes()).unwrap(), &source()).unwrap_err();
    assert!(problems.iter().any(|p| p.unit == "subject" && p.problem.contains("no translation")));
    assert!(problems.iter().any(|p| p.unit == "b7"));
}

fn filled(format: TranslationFormat) -> String {
    export(format, &header(), &source(), Some(&translated()))
}

fn refused(_format: TranslationFormat, file: &str) -> Vec<UnitProblem> {
    import(&read(file.as_bytes()).unwrap(), &source()).unwrap_err()
}

#[test]
fn a_broken_placeholder_is_refused() {
    // XLIFF: the code dropped and typed as text.
    let file = filled(TranslationFormat::Xliff2);
    let start = file.find("<target>PL Hallo <ph").unwrap();
    let end = file[start..].find("</target>").unwrap() + start;
    let broken = format!("{}<target>PL Hallo {{{{ imie }}}}{}", &file[..start], &file[end..]);
    let problems = refused(TranslationFormat::Xliff2, &broken);
    assert!(
        problems.iter().any(|p| p.unit == "b1" && p.problem.contains("{{ name }}")),
        "{problems:?}"
    );
    // PO: the placeholder's name changed.
    let file = filled(TranslationFormat::Po)
        .replace("msgstr \"# PL Hallo {{ name }}\"", "msgstr \"PL Hallo {{ imie }}\"");
    let file = file.replace("msgstr \"PL Hallo {{ name }}\"", "msgstr \"PL Hallo {{ imie }}\"");
    let problems = refused(TranslationFormat::Po, &file);
    assert!(
        problems.iter().any(|p| p.unit == "b1" && p.problem.contains("{{ imie }}")),
        "{problems:?}"
    );
    // XLIFF 1.2: the link's code left out.
    let file = filled(TranslationFormat::Xliff12);
    let start = file.rfind("<target state=\"translated\">").unwrap();
    let end = file[start..].find("</target>").unwrap() + start;
    let broken = format!("{}<target>PL Abmelden{}", &file[..start], &file[end..]);
    let problems = refused(TranslationFormat::Xliff12, &broken);
    assert!(
        problems.iter().any(|p| p.unit == "b7" && p.problem.contains("missing")),
        "{problems:?}"
    );
}

#[test]
fn missing_and_extra_units_are_refused() {
    let file = filled(TranslationFormat::Xliff12);
    let start = file.find("<trans-unit id=\"b3\"").unwrap();
    let end = file[start..].find("</trans-unit>").unwrap() + start + "</trans-unit>".len();
    let missing = format!("{}{}", &file[..start], &file[end..]);
    let problems = refused(TranslationFormat::Xliff12, &missing);
    assert_eq!(
        problems,
        vec![UnitProblem {
            unit: "b3".into(),
            problem: "this unit is missing from the file".into()
        }]
    );
    let extra = file.replace(
        "</body>",
        "<trans-unit id=\"b99\"><source>x</source><target>y</target></trans-unit></body>",
    );
    let problems = refused(TranslationFormat::Xliff12, &extra);
    assert!(
        problems.iter().any(|p| p.unit == "b99" && p.problem.contains("extra")),
        "{problems:?}"
    );
    let po = filled(TranslationFormat::Po) + "\nmsgctxt \"b42\"\nmsgid \"x\"\nmsgstr \"y\"\n";
    let problems = refused(TranslationFormat::Po, &po);
    assert!(problems.iter().any(|p| p.unit == "b42"), "{problems:?}");
}

#[test]
fn a_po_translation_that_makes_two_blocks_is_refused() {
    let file = filled(TranslationFormat::Po);
    let file = file.replacen("msgstr \"PL erster Punkt\"", "msgstr \"PL erster\\n\\nPunkt\"", 1);
    let problems = refused(TranslationFormat::Po, &file);
    assert!(
        problems.iter().any(|p| p.unit == "b3" && p.problem.contains("one block")),
        "{problems:?}"
    );
}

#[test]
fn a_changed_source_is_noticed_by_hash() {
    let file = filled(TranslationFormat::Xliff2);
    let mut changed = source();
    changed.markdown = changed.markdown.replace("erster Punkt", "erster Punkt, neu");
    let problems = import(&read(file.as_bytes()).unwrap(), &changed).unwrap_err();
    assert!(
        problems.iter().any(|p| p.unit == "b3" && p.problem.contains("differs")),
        "{problems:?}"
    );
}

#[test]
fn deep_markup_is_one_code_and_a_deep_po_target_is_refused_not_a_crash() {
    let deep = format!("{}tief{}", "*".repeat(60_000), "*".repeat(60_000));
    let units = variant_units("S", "", &deep);
    assert_eq!(units.len(), 2);
    assert!(units[1].hash().len() == 16);
    let nested =
        format!("msgstr \"{}x{}PL erster Punkt\"", "[".repeat(50_000), "](a)".repeat(50_000));
    let file = filled(TranslationFormat::Po).replacen("msgstr \"PL erster Punkt\"", &nested, 1);
    assert!(file.contains("[[[[x"), "the target was replaced");
    let problems = refused(TranslationFormat::Po, &file);
    assert!(problems.iter().any(|p| p.unit == "b3"), "{problems:?}");
}
