//! The completeness report: every language must have every file and message English has.

use std::collections::BTreeSet;
use std::fmt;

use rundbrief_core::Language;

use crate::Locales;
use crate::locales::FileInfo;

/// Files every language must have, even if English lost them (an empty `locales/` is not
/// "complete").
const REQUIRED_EVERYWHERE: [&str; 2] = ["public.ftl", "mail.ftl"];

/// Files of the editor UI: required in German and English only (editors are German speakers;
/// English is the fallback). Another language may add one, and then it must be complete.
const EDITOR_ONLY: [&str; 1] = ["admin.ftl"];
const EDITOR_LANGUAGES: [Language; 2] = [Language::De, Language::En];

/// One thing wrong with the locale files. `file` is the file name (`public.ftl`); ids of
/// attributes are written `id.attr`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// The file does not parse here; Fluent skips the broken entry.
    SyntaxError { lang: Language, file: String, line: usize, message: String },
    /// English has the id, this language does not.
    MissingId { lang: Language, file: String, id: String },
    /// This language has an id English does not (a typo or a leftover).
    ExtraId { lang: Language, file: String, id: String },
    /// The id is defined twice in this language (in one file or across files); the second
    /// definition is ignored.
    DuplicateId { lang: Language, file: String, id: String },
    /// The message uses other variables than English: a misspelt `$organisaton` renders as
    /// an error, a dropped one loses information.
    VariableMismatch {
        lang: Language,
        file: String,
        id: String,
        expected: Vec<String>,
        found: Vec<String>,
    },
    /// The language must have this file and has not.
    MissingFile { lang: Language, file: String },
    /// English has no such file, so nothing would ever use it.
    ExtraFile { lang: Language, file: String },
    /// A folder under `locales/` that is not one of the 24 codes (e.g. `pt-BR`, `DE`).
    UnknownDirectory { name: String },
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Problem::SyntaxError { lang, file, line, message } => {
                write!(f, "{}/{file}:{line}: syntax error: {message}", lang.code())
            }
            Problem::MissingId { lang, file, id } => {
                write!(f, "{}/{file}: missing message {id}", lang.code())
            }
            Problem::ExtraId { lang, file, id } => {
                write!(f, "{}/{file}: message {id} is not in English", lang.code())
            }
            Problem::DuplicateId { lang, file, id } => {
                write!(f, "{}/{file}: message {id} is defined twice", lang.code())
            }
            Problem::VariableMismatch { lang, file, id, expected, found } => write!(
                f,
                "{}/{file}: message {id} uses variables {found:?}, English uses {expected:?}",
                lang.code()
            ),
            Problem::MissingFile { lang, file } => {
                write!(f, "{}/{file}: file is missing", lang.code())
            }
            Problem::ExtraFile { lang, file } => {
                write!(f, "{}/{file}: file has no English counterpart", lang.code())
            }
            Problem::UnknownDirectory { name } => {
                write!(f, "{name}/: not one of the 24 language codes")
            }
        }
    }
}

impl Locales {
    /// Everything missing, extra or broken, compared with English.
    ///
    /// - `admin.ftl` must exist in `de` and `en`; everywhere it exists it must have the ids
    ///   of English.
    /// - Every other file English has (at least `public.ftl` and `mail.ftl`) must exist in
    ///   all 24 languages with exactly English's message ids, attributes and variables.
    ///
    /// An empty result means the files are complete; a test asserts that for the embedded
    /// files, so CI fails on any gap.
    pub fn check(&self) -> Vec<Problem> {
        let mut problems = Vec::new();
        for name in &self.unknown_dirs {
            problems.push(Problem::UnknownDirectory { name: name.clone() });
        }

        for (lang, data) in &self.langs {
            for (file, info) in &data.files {
                for (line, message) in &info.syntax_errors {
                    problems.push(Problem::SyntaxError {
                        lang: *lang,
                        file: file.clone(),
                        line: *line,
                        message: message.clone(),
                    });
                }
                for id in &info.duplicates {
                    problems.push(Problem::DuplicateId {
                        lang: *lang,
                        file: file.clone(),
                        id: id.clone(),
                    });
                }
            }
        }

        let english = self.langs.get(&Language::En).map(|data| &data.files);
        let mut files: BTreeSet<&str> = REQUIRED_EVERYWHERE.into_iter().collect();
        if let Some(english) = english {
            files.extend(english.keys().map(String::as_str));
        }
        for data in self.langs.values() {
            files.extend(data.files.keys().map(String::as_str).filter(|f| EDITOR_ONLY.contains(f)));
        }

        for file in files {
            let required: &[Language] =
                if EDITOR_ONLY.contains(&file) { &EDITOR_LANGUAGES } else { &Language::ALL };
            let reference = english.and_then(|files| files.get(file));
            for lang in Language::ALL {
                let info = self.langs.get(&lang).and_then(|d| d.files.get(file));
                match (info, reference) {
                    (None, _) if required.contains(&lang) => {
                        problems.push(Problem::MissingFile { lang, file: file.to_owned() })
                    }
                    (None, _) => {}
                    // English itself, or nothing to compare with (reported as missing above).
                    (Some(_), _) if lang == Language::En => {}
                    (Some(_), None) => {}
                    (Some(info), Some(reference)) => {
                        compare(lang, file, info, reference, &mut problems);
                    }
                }
            }
        }

        // Extra files: present in a language, absent in English, and not an editor file
        // (whose absence in English is already reported as missing).
        for (lang, data) in &self.langs {
            for file in data.files.keys() {
                let in_english = english.is_some_and(|e| e.contains_key(file));
                if !in_english && !EDITOR_ONLY.contains(&file.as_str()) && *lang != Language::En {
                    problems.push(Problem::ExtraFile { lang: *lang, file: file.clone() });
                }
            }
        }
        problems
    }
}

fn compare(
    lang: Language,
    file: &str,
    info: &FileInfo,
    reference: &FileInfo,
    problems: &mut Vec<Problem>,
) {
    let ids: BTreeSet<&String> = info.ids.iter().collect();
    let reference_ids: BTreeSet<&String> = reference.ids.iter().collect();
    // English order, so a report reads like the file.
    let mut seen = BTreeSet::new();
    for id in &reference.ids {
        if !ids.contains(id) && seen.insert(id) {
            problems.push(Problem::MissingId { lang, file: file.to_owned(), id: id.clone() });
        }
    }
    for id in &info.ids {
        if !reference_ids.contains(id) && seen.insert(id) {
            problems.push(Problem::ExtraId { lang, file: file.to_owned(), id: id.clone() });
        }
    }
    for (id, expected) in &reference.variables {
        let Some(found) = info.variables.get(id) else {
            continue;
        };
        if found != expected {
            problems.push(Problem::VariableMismatch {
                lang,
                file: file.to_owned(),
                id: id.clone(),
                expected: expected.iter().cloned().collect(),
                found: found.iter().cloned().collect(),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use std::fs;
    use std::path::Path;

    use super::*;

    const PUBLIC_EN: &str = "title = Sign up\n    .hint = Optional\nbutton = Send { $what }\n";
    const MAIL_EN: &str = "footer = Bye\n";

    /// A complete tree: every language a copy of English (good enough for the check, which
    /// compares ids, not words).
    fn complete_tree(root: &Path) {
        for lang in Language::ALL {
            let dir = root.join(lang.code());
            fs::create_dir_all(&dir).expect("create language dir");
            fs::write(dir.join("public.ftl"), PUBLIC_EN).expect("write public.ftl");
            fs::write(dir.join("mail.ftl"), MAIL_EN).expect("write mail.ftl");
        }
    }

    fn check(root: &Path) -> Vec<Problem> {
        Locales::load_dir(root).expect("load_dir").check()
    }

    fn write(root: &Path, lang: &str, file: &str, text: &str) {
        fs::create_dir_all(root.join(lang)).expect("create dir");
        fs::write(root.join(lang).join(file), text).expect("write file");
    }

    #[test]
    fn a_complete_tree_has_no_problems() {
        let tmp = tempfile::tempdir().expect("tempdir");
        complete_tree(tmp.path());
        assert_eq!(check(tmp.path()), vec![]);
    }

    #[test]
    fn missing_id_and_attribute_are_caught() {
        let tmp = tempfile::tempdir().expect("tempdir");
        complete_tree(tmp.path());
        write(tmp.path(), "pl", "public.ftl", "title = Zapisz się\nbutton = Wyślij { $what }\n");
        write(tmp.path(), "fr", "public.ftl", "title = Inscription\n    .hint = Facultatif\n");
        assert_eq!(
            check(tmp.path()),
            vec![
                Problem::MissingId {
                    lang: Language::Fr,
                    file: "public.ftl".into(),
                    id: "button".into()
                },
                Problem::MissingId {
                    lang: Language::Pl,
                    file: "public.ftl".into(),
                    id: "title.hint".into()
                },
            ]
        );
    }

    #[test]
    fn extra_id_is_caught() {
        let tmp = tempfile::tempdir().expect("tempdir");
        complete_tree(tmp.path());
        write(tmp.path(), "de", "mail.ftl", "footer = Tschüss\nfooter-old = Alt\n");
        assert_eq!(
            check(tmp.path()),
            vec![Problem::ExtraId {
                lang: Language::De,
                file: "mail.ftl".into(),
                id: "footer-old".into()
            }]
        );
    }

    #[test]
    fn syntax_error_is_caught_with_its_line() {
        let tmp = tempfile::tempdir().expect("tempdir");
        complete_tree(tmp.path());
        write(
            tmp.path(),
            "el",
            "public.ftl",
            "title = Εγγραφή\n    .hint = Προαιρετικό\nbutton = Αποστολή { $what\n",
        );
        let problems = check(tmp.path());
        assert!(
            problems.iter().any(|p| matches!(
                p,
                Problem::SyntaxError { lang: Language::El, file, line: 3, .. } if file == "public.ftl"
            )),
            "{problems:?}"
        );
        // The broken message is skipped by Fluent, so it is also missing.
        assert!(problems.contains(&Problem::MissingId {
            lang: Language::El,
            file: "public.ftl".into(),
            id: "button".into()
        }));
        assert!(problems.iter().all(|p| p.to_string().starts_with("el/public.ftl")));
    }

    #[test]
    fn missing_and_extra_files_and_unknown_folders_are_caught() {
        let tmp = tempfile::tempdir().expect("tempdir");
        complete_tree(tmp.path());
        fs::remove_file(tmp.path().join("ga/mail.ftl")).expect("remove");
        write(tmp.path(), "sv", "notes.ftl", "x = y\n");
        write(tmp.path(), "pt-BR", "public.ftl", PUBLIC_EN);
        // Not Fluent files: ignored.
        fs::write(tmp.path().join("README.md"), "locales").expect("write");
        write(tmp.path(), "it", "notes.txt", "x");
        assert_eq!(
            check(tmp.path()),
            vec![
                Problem::UnknownDirectory { name: "pt-BR".into() },
                Problem::MissingFile { lang: Language::Ga, file: "mail.ftl".into() },
                Problem::ExtraFile { lang: Language::Sv, file: "notes.ftl".into() },
            ]
        );
    }

    #[test]
    fn duplicates_and_variable_mismatches_are_caught() {
        let tmp = tempfile::tempdir().expect("tempdir");
        complete_tree(tmp.path());
        write(tmp.path(), "hu", "mail.ftl", "footer = Viszlát\nfooter = Szia\n");
        write(
            tmp.path(),
            "it",
            "public.ftl",
            "title = Iscriviti\n    .hint = Facoltativo\nbutton = Invia { $wat }\n",
        );
        assert_eq!(
            check(tmp.path()),
            vec![
                Problem::DuplicateId {
                    lang: Language::Hu,
                    file: "mail.ftl".into(),
                    id: "footer".into()
                },
                Problem::VariableMismatch {
                    lang: Language::It,
                    file: "public.ftl".into(),
                    id: "button".into(),
                    expected: vec!["what".into()],
                    found: vec!["wat".into()],
                },
            ]
        );
    }

    #[test]
    fn admin_is_required_in_german_and_english_only() {
        let tmp = tempfile::tempdir().expect("tempdir");
        complete_tree(tmp.path());
        write(tmp.path(), "en", "admin.ftl", "save = Save\nsend = Send\n");
        write(tmp.path(), "de", "admin.ftl", "save = Speichern\n");
        let problems = check(tmp.path());
        assert_eq!(
            problems,
            vec![Problem::MissingId {
                lang: Language::De,
                file: "admin.ftl".into(),
                id: "send".into()
            }]
        );

        write(tmp.path(), "de", "admin.ftl", "save = Speichern\nsend = Senden\n");
        assert_eq!(check(tmp.path()), vec![]);

        write(tmp.path(), "de", "admin.ftl", "save = Speichern\nsend = Senden\nold = Alt\n");
        assert_eq!(
            check(tmp.path()),
            vec![Problem::ExtraId {
                lang: Language::De,
                file: "admin.ftl".into(),
                id: "old".into()
            }]
        );
        write(tmp.path(), "de", "admin.ftl", "save = Speichern\nsend = Senden\n");

        // German may not drop the file either.
        fs::remove_file(tmp.path().join("de/admin.ftl")).expect("remove");
        assert_eq!(
            check(tmp.path()),
            vec![Problem::MissingFile { lang: Language::De, file: "admin.ftl".into() }]
        );
        write(tmp.path(), "de", "admin.ftl", "save = Speichern\nsend = Senden\n");

        // Without English, German's admin.ftl has nothing to be compared with.
        fs::remove_file(tmp.path().join("en/admin.ftl")).expect("remove");
        assert_eq!(
            check(tmp.path()),
            vec![Problem::MissingFile { lang: Language::En, file: "admin.ftl".into() }]
        );
    }

    #[test]
    fn an_empty_tree_misses_everything() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let problems = check(tmp.path());
        assert_eq!(problems.len(), 48);
        assert!(problems.iter().all(|p| matches!(p, Problem::MissingFile { .. })));
    }

    #[test]
    fn load_dir_reports_an_unreadable_folder() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let missing = tmp.path().join("nope");
        assert!(matches!(Locales::load_dir(&missing), Err(crate::I18nError::Io { .. })));
    }
}
