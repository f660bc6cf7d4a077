//! Machine-translation drafts (issue 21): a variant's units as short markup strings for a
//! translation service, and the way back. The service sees each unit's text with its codes as
//! empty or enclosing elements (`<ph id="1"/>` for a placeholder, inline code or an image;
//! `<pc id="2">…</pc>` around emphasis or a link's text), never their Markdown, so
//! placeholders, link targets and markup cannot be translated or broken; LibreTranslate
//! (`format: "html"`) and DeepL (`tag_handling: "xml"`) leave such elements alone. A unit that
//! comes back unreadable or with its codes missing, doubled or changed keeps its source text
//! and is reported, like a unit of an imported file.

use super::units::{rebuild_body, to_markdown, variant_units};
use super::{UnitProblem, VariantText, check_runs, problem, xliff, xml};
use crate::translation::Inline;

/// One unit to translate: its id (`subject`, `preheader`, `b1` …) and its text as markup.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MachineSegment {
    pub id: String,
    pub text: String,
}

/// The units of `source` as markup strings, in reading order.
pub fn machine_segments(source: &VariantText) -> Vec<MachineSegment> {
    variant_units(&source.subject, &source.preheader, &source.markdown)
        .into_iter()
        .map(|unit| {
            let mut text = String::new();
            write(&mut text, &unit.source);
            MachineSegment { id: unit.id, text }
        })
        .collect()
}

fn write(out: &mut String, runs: &[Inline]) {
    for run in runs {
        match run {
            Inline::Text(t) => out.push_str(&xml::escape(t)),
            Inline::Ph { id, .. } => out.push_str(&format!("<ph id=\"{id}\"/>")),
            Inline::Pc { id, children, .. } => {
                out.push_str(&format!("<pc id=\"{id}\">"));
                write(out, children);
                out.push_str("</pc>");
            }
        }
    }
}

/// The draft built from `translated` (unit id, translated markup): each unit whose codes all
/// came back intact takes its translation, every other unit (missing, unreadable, codes not
/// intact) keeps its source text and is named in the problems.
pub fn machine_draft(
    source: &VariantText,
    translated: &[(String, String)],
) -> (VariantText, Vec<UnitProblem>) {
    let units = variant_units(&source.subject, &source.preheader, &source.markdown);
    let mut problems = Vec::new();
    let mut built: Vec<(String, String)> = Vec::new();
    for unit in &units {
        let Some((_, text)) = translated.iter().find(|(id, _)| *id == unit.id) else {
            problems.push(problem(&unit.id, "the service returned no translation"));
            built.push((unit.id.clone(), to_markdown(&unit.source, unit.kind)));
            continue;
        };
        let runs = xml::parse(&format!("<t>{text}</t>"))
            .map_err(|e| vec![problem(&unit.id, &format!("the translation is not readable: {e}"))])
            .and_then(|e| xliff::runs(&e).map_err(|p| vec![problem(&unit.id, &p)]))
            .and_then(|runs| {
                if runs.iter().all(|r| matches!(r, Inline::Text(t) if t.trim().is_empty())) {
                    Err(vec![problem(&unit.id, "the translation is empty")])
                } else {
                    check_runs(unit, runs)
                }
            });
        match runs {
            Ok(runs) => built.push((unit.id.clone(), to_markdown(&runs, unit.kind))),
            Err(mut p) => {
                problems.append(&mut p);
                built.push((unit.id.clone(), to_markdown(&unit.source, unit.kind)));
            }
        }
    }
    let take = |id: &str| {
        built.iter().find(|(i, _)| i == id).map(|(_, t)| t.trim().to_owned()).unwrap_or_default()
    };
    let draft = VariantText {
        subject: take("subject"),
        preheader: take("preheader"),
        markdown: rebuild_body(&source.markdown, &units, &built),
    };
    (draft, problems)
}

#[cfg(test)]
mod tests {
    use super::*;

    const BODY: &str = "# Hallo {{ name }}\n\nDas ist *wichtig*, siehe [unsere Seite](https://example.org/a?b=1).\n\n- erster Punkt mit `code`\n\n```\nkein Text\n```\n\n[Abmelden]({{ unsubscribe_url }})\n";

    fn source() -> VariantText {
        VariantText {
            subject: "Neues für {{ name }}".into(),
            preheader: String::new(),
            markdown: BODY.into(),
        }
    }

    /// A service that upper-cases the text and keeps the elements.
    fn shout(markup: &str) -> String {
        let mut out = String::new();
        let mut in_tag = false;
        for c in markup.chars() {
            match c {
                '<' => in_tag = true,
                '>' => in_tag = false,
                _ => {}
            }
            if in_tag || c == '>' { out.push(c) } else { out.extend(c.to_uppercase()) }
        }
        out
    }

    #[test]
    fn codes_are_elements_and_placeholders_links_and_code_come_back_as_they_were() {
        let segments = machine_segments(&source());
        let subject = &segments[0];
        assert_eq!(subject.id, "subject");
        assert!(
            subject.text.contains("<ph id=\"1\"/>") && !subject.text.contains("{{"),
            "{}",
            subject.text
        );
        let all: String = segments.iter().map(|s| s.text.as_str()).collect();
        assert!(!all.contains("https://example.org") && !all.contains("kein Text"), "{all}");
        let translated: Vec<(String, String)> =
            segments.iter().map(|s| (s.id.clone(), shout(&s.text))).collect();
        let (draft, problems) = machine_draft(&source(), &translated);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(draft.subject, "NEUES FÜR {{ name }}");
        assert!(draft.markdown.contains("# HALLO {{ name }}"), "{}", draft.markdown);
        assert!(draft.markdown.contains("*WICHTIG*"), "{}", draft.markdown);
        assert!(
            draft.markdown.contains("[UNSERE SEITE](https://example.org/a?b=1)"),
            "{}",
            draft.markdown
        );
        assert!(draft.markdown.contains("`code`") && draft.markdown.contains("kein Text"));
        assert!(draft.markdown.contains("]({{ unsubscribe_url }})"), "{}", draft.markdown);
    }

    #[test]
    fn a_unit_whose_codes_do_not_come_back_keeps_its_source_and_is_reported() {
        let segments = machine_segments(&source());
        let translated: Vec<(String, String)> = segments
            .iter()
            .map(|s| {
                let text = if s.id == "subject" {
                    // The placeholder dropped.
                    "NEUES".to_owned()
                } else if s.id == "b2" {
                    "not <b>xml".to_owned()
                } else {
                    shout(&s.text)
                };
                (s.id.clone(), text)
            })
            .filter(|(id, _)| id != "b3")
            .collect();
        let (draft, problems) = machine_draft(&source(), &translated);
        let named: Vec<&str> = problems.iter().map(|p| p.unit.as_str()).collect();
        assert!(
            named.contains(&"subject") && named.contains(&"b2") && named.contains(&"b3"),
            "{problems:?}"
        );
        assert_eq!(draft.subject, "Neues für {{ name }}");
        assert!(draft.markdown.contains("Das ist *wichtig*"), "{}", draft.markdown);
        assert!(draft.markdown.contains("# HALLO {{ name }}"), "{}", draft.markdown);
    }
}
