//! Translation files (issue 21) on the real binary: a German variant with a heading, emphasis,
//! a link, a list and `{{ name }}` is exported for Polish in XLIFF 2.0, XLIFF 1.2 and PO by
//! `rundbrief issue export-translation`; third-party tools (translate-toolkit, polib, lxml in
//! the venv `.ci/run` makes) read each file, fill every target and write it back; the filled
//! file imported by `rundbrief issue import-translation` (and once through the API) gives a
//! Polish variant whose rendered HTML has the German one's elements, links and placeholder.
//! A broken placeholder, a missing and an extra unit are refused, naming the unit.
//! The XLIFF 2.0 files, exported and filled, are valid by OASIS's schema (lxml, with the
//! xliff-core-2.0.xsd that `.ci/run` unpacks from Debian's php-symfony-translation).
#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use rundbrief_testkit::admin::{AdminSession, Editor, PASSWORD};
use rundbrief_testkit::{Backend, TestApp, TestDb};
use serde_json::json;

const BIN: &str = env!("CARGO_BIN_EXE_rundbrief");
const BODY: &str = "# Hallo {{ name }}\n\nWir haben *wichtige* Neuigkeiten für **Sie**, mehr auf [unserer Seite](https://example.org/neu).\n\n- erster Punkt\n- zweiter Punkt mit `Code`\n\nBis bald!\n";
/// subject, preheader and five blocks.
const UNITS: usize = 7;

/// The venv's Python with translate-toolkit, polib and lxml, or why there is none.
fn python() -> Result<PathBuf, String> {
    let python =
        std::env::var_os("RUNDBRIEF_TEST_TRANSLATE_PYTHON").map(PathBuf::from).unwrap_or_else(
            || Path::new(env!("CARGO_MANIFEST_DIR")).join(".ci/venv-translate/bin/python"),
        );
    let check = Command::new(&python).args(["-c", "import translate, polib, lxml"]).output();
    match check {
        Ok(o) if o.status.success() => Ok(python),
        Ok(o) => Err(format!(
            "{} lacks the tools: {}",
            python.display(),
            String::from_utf8_lossy(&o.stderr)
        )),
        Err(e) => Err(format!("no {} ({e}); .ci/run creates it", python.display())),
    }
}

/// OASIS's XLIFF 2.0 schema as `.ci/run` unpacks it (with the xml.xsd it imports beside it),
/// or why it is not there.
fn xliff_schema() -> Result<PathBuf, String> {
    let schema =
        std::env::var_os("RUNDBRIEF_TEST_XLIFF_SCHEMA").map(PathBuf::from).unwrap_or_else(|| {
            Path::new(env!("CARGO_MANIFEST_DIR")).join(".ci/xliff-schema/xliff-core-2.0.xsd")
        });
    if schema.is_file() {
        Ok(schema)
    } else {
        Err(format!("no {}; .ci/run unpacks it", schema.display()))
    }
}

/// Validates XLIFF 2.0 files against the OASIS schema with lxml; the output of the check.
fn validate_xliff2(python: &Path, schema: &Path, files: &[&Path]) -> Output {
    Command::new(python)
        .arg(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/xliff2_schema.py"))
        .arg(schema)
        .args(files)
        .output()
        .unwrap()
}

fn text(output: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

/// Element names and link targets of a rendered mail, in order, and how often `name` is in it.
/// Only the variant's own content counts: the frame around it is in the reader's language.
fn shape(html: &str, name: &str) -> (Vec<String>, Vec<String>, usize) {
    let start = html.find("<td lang=").unwrap_or_else(|| panic!("no content cell: {html}"));
    let html = &html[start..start + html[start..].find("</td>").unwrap()];
    let mut tags = Vec::new();
    let mut links = Vec::new();
    for part in html.split('<').skip(1) {
        let tag: String =
            part.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '/').collect();
        if tag.is_empty() {
            continue;
        }
        tags.push(tag);
        if let Some(at) = part.find("href=\"") {
            let rest = &part[at + 6..];
            links.push(rest[..rest.find('"').unwrap()].to_owned());
        }
    }
    (tags, links, html.matches(name).count())
}

fn round_trip(backend: Backend) {
    let tools = match python() {
        Ok(p) => p,
        Err(why) if std::env::var_os("CI").is_some() => {
            panic!("CI needs the translation tools: {why}")
        }
        Err(why) => {
            eprintln!("translation file test SKIPPED: {why}");
            return;
        }
    };
    let Some(db) = TestDb::new(backend) else { return };
    let app = TestApp::spawn(BIN, &db, &[]);
    let token = app.api_token("translations");
    let api = |method: &str, path: &str, body: Option<serde_json::Value>| {
        app.api(&token, method, &format!("/api/v1{path}"), body.as_ref())
    };
    let created = api("POST", "/issues", Some(json!({"title": "Dezember", "base_language": "de"})));
    assert_eq!(created.status, 201, "{}", created.text());
    let id = created.json()["id"].as_i64().unwrap();
    let de = json!({"subject": "Neues für {{ name }}", "preheader": "Kurz notiert", "body_markdown": BODY, "ready": true});
    assert!(api("PUT", &format!("/issues/{id}/variants/de"), Some(de)).status < 300);
    let dir = tempfile::tempdir().unwrap();
    let issue = id.to_string();
    let preview = |lang: &str| {
        let r = api("GET", &format!("/issues/{id}/preview/{lang}?format=html&name=Zofia"), None);
        assert_eq!(r.status, 200, "{}", r.text());
        r.text()
    };
    let german = shape(&preview("de"), "Zofia");
    assert!(german.1.iter().any(|l| l == "https://example.org/neu"), "{german:?}");
    let mut filled = Vec::new();
    for format in ["xliff2", "xliff12", "po"] {
        let ext = if format == "po" { "po" } else { "xlf" };
        let exported = dir.path().join(format!("pl-{format}.{ext}"));
        let out = app.command(&[
            "issue",
            "export-translation",
            &issue,
            "--lang",
            "pl",
            "--format",
            format,
            "--out",
            exported.to_str().unwrap(),
        ]);
        assert!(out.status.success(), "{}", text(&out));
        let done = dir.path().join(format!("pl-{format}-filled.{ext}"));
        let run = Command::new(&tools)
            .arg(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/translation_tools.py"))
            .args([format, exported.to_str().unwrap(), done.to_str().unwrap()])
            .output()
            .unwrap();
        assert!(run.status.success(), "{format}: {}", text(&run));
        assert_eq!(
            String::from_utf8_lossy(&run.stdout).trim(),
            format!("units={UNITS} translated={UNITS}"),
            "{format}"
        );
        let imported =
            app.command(&["issue", "import-translation", &issue, done.to_str().unwrap()]);
        assert!(imported.status.success(), "{format}: {}", text(&imported));
        assert!(
            text(&imported).contains("pl saved from 7 units, made from revision 1"),
            "{}",
            text(&imported)
        );
        let polish = preview("pl");
        assert!(polish.contains("PL Wir haben <em>wichtige</em>"), "{format}: {polish}");
        assert_eq!(shape(&polish, "Zofia"), german, "{format}: {polish}");
        filled.push((format, std::fs::read_to_string(&done).unwrap()));
    }
    let pl = api("GET", &format!("/issues/{id}/variants/pl"), None).json();
    assert_eq!(pl["source_revision"], 1, "{pl}");
    assert_eq!(pl["subject"], "PL Neues für {{ name }}", "{pl}");

    // Through the API, by the token: a new revision made from the exported one.
    let before = pl["revision"].as_u64().unwrap();
    let (_, po_file) = &filled[2];
    let changed = po_file.replace("msgstr \"PL Bis bald!\"", "msgstr \"PL Do zobaczenia!\"");
    let auth = format!("Bearer {token}");
    let put = app.request(
        "PUT",
        &format!("/api/v1/issues/{id}/variants/pl/translation"),
        &[("Authorization", &auth), ("Content-Type", "text/x-gettext-translation")],
        changed.as_bytes(),
    );
    assert_eq!(put.status, 200, "{}", put.text());
    assert_eq!(put.json()["revision"].as_u64().unwrap(), before + 1);
    let revisions = api("GET", &format!("/issues/{id}/variants/pl/revisions"), None).json();
    assert!(revisions[0]["author"].as_str().unwrap().starts_with("token:"), "{revisions}");
    assert_eq!(revisions[0]["source_revision"], 1);
    let export = api("GET", &format!("/issues/{id}/variants/pl/translation?format=xliff2"), None);
    assert_eq!(export.status, 200);
    assert!(export.text().contains("PL Do zobaczenia!"), "the export carries the translation");

    // The XLIFF 2.0 files are valid by OASIS's schema: the export without targets, the file
    // filled by the tools, and the export that carries the translation.
    match xliff_schema() {
        Ok(schema) => {
            let with_targets = dir.path().join("pl-xliff2-translated.xlf");
            std::fs::write(&with_targets, export.text()).unwrap();
            let files = [
                dir.path().join("pl-xliff2.xlf"),
                dir.path().join("pl-xliff2-filled.xlf"),
                with_targets,
            ];
            let files: Vec<&Path> = files.iter().map(PathBuf::as_path).collect();
            let valid = validate_xliff2(&tools, &schema, &files);
            assert!(valid.status.success(), "{}", text(&valid));
            assert_eq!(String::from_utf8_lossy(&valid.stdout).trim(), "valid=3");
            // The schema is in force: a segment without its source is not XLIFF 2.0.
            let xml = export.text();
            let source = &xml[xml.find("<source>").unwrap()..xml.find("</source>").unwrap() + 9];
            let sourceless = dir.path().join("pl-xliff2-sourceless.xlf");
            std::fs::write(&sourceless, xml.replacen(source, "", 1)).unwrap();
            let invalid = validate_xliff2(&tools, &schema, &[&sourceless]);
            assert!(!invalid.status.success(), "{}", text(&invalid));
            assert!(text(&invalid).contains("source"), "{}", text(&invalid));
        }
        Err(why) if std::env::var_os("CI").is_some() => panic!("CI needs the XLIFF schema: {why}"),
        Err(why) => eprintln!("XLIFF 2.0 schema validation SKIPPED: {why}"),
    }

    // Refusals, each naming its unit; nothing is saved.
    let refuse = |name: &str, content: String, unit_says: &str| {
        let path = dir.path().join(name);
        std::fs::write(&path, content).unwrap();
        let out = app.command(&["issue", "import-translation", &issue, path.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(1), "{name}: {}", text(&out));
        assert!(text(&out).contains(unit_says), "{name}: {}", text(&out));
    };
    let broken: String = po_file
        .lines()
        .map(|l| {
            if l.starts_with("msgstr") {
                l.replace("{{ name }}", "{{ imie }}")
            } else {
                l.to_owned()
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    refuse("broken.po", broken, "b1: placeholder {{ name }} is missing");
    let (_, x12) = &filled[1];
    let start = x12.find("<trans-unit id=\"b2\"").unwrap();
    let end = start + x12[start..].find("</trans-unit>").unwrap() + "</trans-unit>".len();
    refuse("missing.xlf", format!("{}{}", &x12[..start], &x12[end..]), "b2: this unit is missing");
    let (_, x2) = &filled[0];
    let extra = x2.replace(
        "</file>",
        "<unit id=\"b99\"><segment><source>x</source><target>y</target></segment></unit></file>",
    );
    refuse("extra.xlf", extra.clone(), "b99: this unit is not in the source");
    let extra_unit = extra;
    let after = api("GET", &format!("/issues/{id}/variants/pl"), None).json();
    assert_eq!(after["revision"].as_u64().unwrap(), before + 1, "a refused file saves nothing");
    let bad = app.request(
        "PUT",
        &format!("/api/v1/issues/{id}/variants/pl/translation"),
        &[("Authorization", &auth)],
        extra_unit.as_bytes(),
    );
    assert_eq!(bad.status, 422, "{}", bad.text());
    assert_eq!(bad.json()["errors"][0]["field"], "b99", "{}", bad.text());

    // The composer: download links per language and format, and the import form, which
    // lists the units of a bad file and saves a good one as a revision by the editor.
    let mut editor = Editor::sign_in(&app, "redaktion@example.org");
    assert!(
        editor
            .page(&format!("/admin/issues/{id}"))
            .contains(&format!("/admin/issues/{id}/translation"))
    );
    let page = editor.page(&format!("/admin/issues/{id}/translation"));
    assert!(
        page.contains(&format!("/admin/issues/{id}/variants/pl/translation?format=po")),
        "{page}"
    );
    let download =
        editor.get(&format!("/admin/issues/{id}/variants/pl/translation?format=xliff12"));
    assert_eq!(download.status, 200);
    assert!(download.text().contains("<trans-unit id=\"b1\""), "{}", download.text());
    let bad = editor.post(&format!("/admin/issues/{id}/translation"), &[("file", &extra_unit)]);
    assert_eq!(bad.status, 422, "{}", bad.text());
    assert!(bad.text().contains("data-unit=\"b99\""), "{}", bad.text());
    let good = po_file.replace("msgstr \"PL Bis bald!\"", "msgstr \"PL Na razie!\"");
    editor.post_ok(&format!("/admin/issues/{id}/translation"), &[("file", &good)]);
    let revisions = api("GET", &format!("/issues/{id}/variants/pl/revisions"), None).json();
    assert!(revisions[0]["author"].as_str().unwrap().starts_with("user:"), "{revisions}");
    assert_eq!(revisions[0]["source_revision"], 1);

    // A translator imports into their own language through the form that names it; the form
    // for any language is not theirs.
    let made = app.command_with_env(
        &[
            "user",
            "create",
            "--email",
            "tlumacz@example.org",
            "--role",
            "translator",
            "--languages",
            "pl",
        ],
        &[("RUNDBRIEF_USER_PASSWORD", PASSWORD)],
    );
    assert!(made.status.success(), "{}", text(&made));
    let mut translator = AdminSession::new(&app).sign_in("tlumacz@example.org");
    let page = translator.page(&format!("/admin/issues/{id}/translation"));
    let action = format!("/admin/issues/{id}/variants/pl/translation");
    assert!(page.contains(&format!("action=\"{action}\"")), "{page}");
    assert!(!page.contains(&format!("action=\"/admin/issues/{id}/translation\"")), "{page}");
    let good = po_file.replace("msgstr \"PL Bis bald!\"", "msgstr \"PL Pa!\"");
    let imported =
        translator.submit(&format!("/admin/issues/{id}/translation"), &action, &[("file", &good)]);
    assert_eq!(imported.status, 303, "{}", imported.text());
    let pl = api("GET", &format!("/issues/{id}/variants/pl"), None).json();
    assert!(pl["body_markdown"].as_str().unwrap().contains("PL Pa!"), "{pl}");
}

rundbrief_testkit::on_both_backends!(round_trip);
