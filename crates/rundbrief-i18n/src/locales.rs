//! Loading locale files into Fluent bundles and rendering messages.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;
use std::sync::OnceLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentError, FluentResource, FluentValue};
use fluent_syntax::ast;
use rundbrief_core::Language;
use unic_langid::LanguageIdentifier;

use crate::{Arg, I18nError};

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/embedded.rs"));
}

/// What one `.ftl` file of one language contributed, kept for [`Locales::check`].
#[derive(Debug, Default)]
pub(crate) struct FileInfo {
    /// Message ids in file order; attributes as `id.attr`. Terms (`-term`) are left out: they
    /// are private to a language and may differ between translations.
    pub(crate) ids: Vec<String>,
    /// The variables each id (message value or attribute) refers to, for the consistency check.
    pub(crate) variables: BTreeMap<String, BTreeSet<String>>,
    /// `(line, message)` of each syntax error.
    pub(crate) syntax_errors: Vec<(usize, String)>,
    /// Ids defined a second time (in this file or after another file of the same language).
    pub(crate) duplicates: Vec<String>,
}

pub(crate) struct LangData {
    pub(crate) bundle: FluentBundle<FluentResource>,
    pub(crate) files: BTreeMap<String, FileInfo>,
}

/// All texts, one Fluent bundle per language.
///
/// `Send + Sync` (concurrent bundles), so one instance serves every request.
pub struct Locales {
    pub(crate) langs: BTreeMap<Language, LangData>,
    /// Folders under `locales/` whose name is not one of the 24 codes (e.g. `pt-BR`).
    pub(crate) unknown_dirs: Vec<String>,
}

impl std::fmt::Debug for Locales {
    // The bundles have no useful Debug; the languages and files are what a reader wants.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut map = f.debug_map();
        for (lang, data) in &self.langs {
            map.entry(&lang.code(), &data.files.keys().collect::<Vec<_>>());
        }
        map.finish()
    }
}

impl Locales {
    /// The files of `locales/` compiled into the binary, parsed on first use.
    pub fn embedded() -> &'static Locales {
        static EMBEDDED: OnceLock<Locales> = OnceLock::new();
        EMBEDDED.get_or_init(|| {
            Locales::from_sources(embedded::EMBEDDED.iter().map(|(lang, file, source)| {
                (lang.to_string(), file.to_string(), source.to_string())
            }))
        })
    }

    /// Reads `<dir>/<lang>/*.ftl`. Only I/O failures are errors; syntax errors and gaps are
    /// reported by [`Locales::check`].
    pub fn load_dir(dir: &Path) -> Result<Locales, I18nError> {
        let io = |path: &Path| {
            let path = path.to_path_buf();
            move |source| I18nError::Io { path, source }
        };
        let mut sources = Vec::new();
        for entry in fs::read_dir(dir).map_err(io(dir))? {
            let lang_dir = entry.map_err(io(dir))?.path();
            if !lang_dir.is_dir() {
                // READMEs and the like next to the language folders are not locale files.
                continue;
            }
            let lang = file_name(&lang_dir);
            for file in fs::read_dir(&lang_dir).map_err(io(&lang_dir))? {
                let file = file.map_err(io(&lang_dir))?.path();
                if !file.is_file() || file.extension().is_none_or(|e| e != "ftl") {
                    continue;
                }
                let source = fs::read_to_string(&file).map_err(io(&file))?;
                sources.push((lang.clone(), file_name(&file), source));
            }
        }
        Ok(Locales::from_sources(sources.into_iter()))
    }

    /// Builds the bundles from `(language folder, file name, source)` triples.
    pub(crate) fn from_sources(sources: impl Iterator<Item = (String, String, String)>) -> Locales {
        let mut by_dir: BTreeMap<String, Vec<(String, String)>> = BTreeMap::new();
        for (dir, file, source) in sources {
            by_dir.entry(dir).or_default().push((file, source));
        }

        let mut langs = BTreeMap::new();
        let mut unknown_dirs = Vec::new();
        for (dir, mut files) in by_dir {
            // Exact codes only: a folder `DE` or `de-AT` is a mistake the check should show,
            // not something to guess about.
            let Some(lang) = Language::ALL.into_iter().find(|l| l.code() == dir) else {
                unknown_dirs.push(dir);
                continue;
            };
            files.sort();
            langs.insert(lang, load_language(lang, files));
        }
        Locales { langs, unknown_dirs }
    }

    /// The message `id` in `lang`, with `args` filled in.
    ///
    /// `id` may name an attribute as `id.attr`. A message missing in `lang` comes in English;
    /// missing in English too, the id itself is returned, so a page shows something readable
    /// and the gap is visible. Never panics.
    pub fn text(&self, lang: Language, id: &str, args: &[(&str, Arg<'_>)]) -> String {
        let args = fluent_args(args);
        for candidate in [lang, Language::En] {
            if let Some((text, _errors)) = self.format(candidate, id, &args) {
                // Resolver errors (say, a missing argument) still give usable text with the
                // placeholder shown; the tests make sure shipped messages have none.
                return text;
            }
        }
        id.to_owned()
    }

    /// Whether `lang` itself (without fallback) has the message or attribute `id`.
    pub fn has(&self, lang: Language, id: &str) -> bool {
        self.langs.get(&lang).and_then(|data| data.pattern(id)).is_some()
    }

    /// Renders without fallback and hands back Fluent's errors; `None` if `lang` lacks `id`.
    pub(crate) fn format(
        &self,
        lang: Language,
        id: &str,
        args: &FluentArgs<'_>,
    ) -> Option<(String, Vec<FluentError>)> {
        let data = self.langs.get(&lang)?;
        let pattern = data.pattern(id)?;
        let mut errors = Vec::new();
        let text = data.bundle.format_pattern(pattern, Some(args), &mut errors).into_owned();
        Some((text, errors))
    }
}

impl LangData {
    fn pattern(&self, id: &str) -> Option<&ast::Pattern<&str>> {
        let message = match id.split_once('.') {
            Some((message, attribute)) => {
                return self
                    .bundle
                    .get_message(message)?
                    .get_attribute(attribute)
                    .map(|a| a.value());
            }
            None => self.bundle.get_message(id)?,
        };
        message.value()
    }
}

pub(crate) fn fluent_args<'a>(args: &[(&'a str, Arg<'a>)]) -> FluentArgs<'a> {
    let mut fluent = FluentArgs::with_capacity(args.len());
    for (name, value) in args {
        match value {
            Arg::Str(s) => fluent.set(*name, FluentValue::from(*s)),
            Arg::Num(n) => fluent.set(*name, FluentValue::from(*n)),
        }
    }
    fluent
}

fn file_name(path: &Path) -> String {
    path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
}

fn load_language(lang: Language, files: Vec<(String, String)>) -> LangData {
    // The codes are plain two-letter subtags, so parsing cannot fail; `und` would only lose
    // plural rules, never the texts.
    let langid: LanguageIdentifier = lang.code().parse().unwrap_or_default();
    let mut bundle = FluentBundle::new_concurrent(vec![langid]);
    // Unicode isolation marks around placeables show up as junk in mails and HTML.
    bundle.set_use_isolating(false);
    // Both only fail when the name is taken, which in a fresh bundle it is not.
    let _ = bundle.add_builtins();
    let _ = bundle.add_function("EMPTY", empty);

    let mut infos = BTreeMap::new();
    for (name, source) in files {
        let (resource, errors) = match FluentResource::try_new(source) {
            Ok(resource) => (resource, Vec::new()),
            Err((resource, errors)) => (resource, errors),
        };
        let mut info = FileInfo {
            syntax_errors: errors
                .iter()
                .map(|e| (line_of(resource.source(), e.pos.start), e.kind.to_string()))
                .collect(),
            ..FileInfo::default()
        };
        collect_ids(&resource, &mut info);
        if let Err(errors) = bundle.add_resource(resource) {
            for error in errors {
                if let FluentError::Overriding { id, .. } = error {
                    info.duplicates.push(id);
                }
            }
        }
        infos.insert(name, info);
    }
    LangData { bundle, files: infos }
}

/// `EMPTY($name)`: `true` when the argument is missing, empty or blank, else `false`.
///
/// Fluent variant keys cannot be the empty string, so an optional name needs this to read
/// naturally: `{ EMPTY($name) -> [true] Hello, *[false] Hello { $name }, }`.
fn empty<'a>(positional: &[FluentValue<'a>], _named: &FluentArgs) -> FluentValue<'a> {
    let empty = match positional.first() {
        Some(FluentValue::String(s)) => s.trim().is_empty(),
        Some(FluentValue::Number(_) | FluentValue::Custom(_)) => false,
        Some(FluentValue::None | FluentValue::Error) | None => true,
    };
    FluentValue::from(if empty { "true" } else { "false" })
}

/// The 1-based line of a byte offset. An error found at the very end of the file (an
/// unclosed `{`) is reported on the last line with text, where the reader has to look.
fn line_of(source: &str, byte: usize) -> usize {
    let end = byte.min(source.trim_end().len());
    source.as_bytes()[..end].iter().filter(|b| **b == b'\n').count() + 1
}

fn collect_ids(resource: &FluentResource, info: &mut FileInfo) {
    for entry in resource.entries() {
        let ast::Entry::Message(message) = entry else {
            continue;
        };
        let id = message.id.name;
        info.ids.push(id.to_owned());
        if let Some(value) = &message.value {
            let vars = info.variables.entry(id.to_owned()).or_default();
            pattern_variables(value, vars);
        }
        for attribute in &message.attributes {
            let key = format!("{id}.{}", attribute.id.name);
            info.ids.push(key.clone());
            pattern_variables(&attribute.value, info.variables.entry(key).or_default());
        }
    }
}

fn pattern_variables(pattern: &ast::Pattern<&str>, vars: &mut BTreeSet<String>) {
    for element in &pattern.elements {
        if let ast::PatternElement::Placeable { expression } = element {
            expression_variables(expression, vars);
        }
    }
}

fn expression_variables(expression: &ast::Expression<&str>, vars: &mut BTreeSet<String>) {
    match expression {
        ast::Expression::Select { selector, variants } => {
            inline_variables(selector, vars);
            for variant in variants {
                pattern_variables(&variant.value, vars);
            }
        }
        ast::Expression::Inline(inline) => inline_variables(inline, vars),
    }
}

fn inline_variables(inline: &ast::InlineExpression<&str>, vars: &mut BTreeSet<String>) {
    match inline {
        ast::InlineExpression::VariableReference { id } => {
            vars.insert(id.name.to_owned());
        }
        ast::InlineExpression::FunctionReference { arguments, .. } => {
            call_variables(arguments, vars);
        }
        ast::InlineExpression::TermReference { arguments: Some(arguments), .. } => {
            call_variables(arguments, vars)
        }
        ast::InlineExpression::Placeable { expression } => expression_variables(expression, vars),
        ast::InlineExpression::StringLiteral { .. }
        | ast::InlineExpression::NumberLiteral { .. }
        | ast::InlineExpression::MessageReference { .. }
        | ast::InlineExpression::TermReference { arguments: None, .. } => {}
    }
}

fn call_variables(arguments: &ast::CallArguments<&str>, vars: &mut BTreeSet<String>) {
    for positional in &arguments.positional {
        inline_variables(positional, vars);
    }
    for named in &arguments.named {
        inline_variables(&named.value, vars);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(lang: &str, source: &str) -> Locales {
        Locales::from_sources(
            [(lang.to_owned(), "public.ftl".to_owned(), source.to_owned())].into_iter(),
        )
    }

    #[test]
    fn renders_arguments_without_isolation_marks() {
        let locales = one("en", "hi = Hello { $name }, { $n }!\n");
        let text = locales.text(Language::En, "hi", &[("name", "Ana".into()), ("n", 3.into())]);
        assert_eq!(text, "Hello Ana, 3!");
    }

    #[test]
    fn falls_back_to_english_then_to_the_id() {
        let locales = Locales::from_sources(
            [
                ("en".to_owned(), "a.ftl".to_owned(), "only-en = English\n".to_owned()),
                ("pl".to_owned(), "a.ftl".to_owned(), "both = Polski\n".to_owned()),
            ]
            .into_iter(),
        );
        assert_eq!(locales.text(Language::Pl, "both", &[]), "Polski");
        assert_eq!(locales.text(Language::Pl, "only-en", &[]), "English");
        assert_eq!(locales.text(Language::Fr, "only-en", &[]), "English");
        assert_eq!(locales.text(Language::Pl, "nowhere", &[]), "nowhere");
        assert!(locales.has(Language::Pl, "both"));
        assert!(!locales.has(Language::Pl, "only-en"));
    }

    #[test]
    fn attributes_are_reachable_with_a_dot() {
        let locales = one("en", "field = Email\n    .placeholder = you@example.org\n");
        assert_eq!(locales.text(Language::En, "field.placeholder", &[]), "you@example.org");
        assert!(locales.has(Language::En, "field.placeholder"));
        assert!(!locales.has(Language::En, "field.nothing"));
        assert_eq!(locales.text(Language::En, "field.nothing", &[]), "field.nothing");
    }

    #[test]
    fn empty_selects_on_blank_names() {
        let locales = one(
            "en",
            "greet = { EMPTY($name) ->\n    [true] Hello,\n   *[false] Hello { $name },\n}\n",
        );
        let greet = |name: &str| locales.text(Language::En, "greet", &[("name", name.into())]);
        assert_eq!(greet(""), "Hello,");
        assert_eq!(greet("  "), "Hello,");
        assert_eq!(greet("Ana"), "Hello Ana,");
    }

    #[test]
    fn plural_rules_follow_the_language() {
        let locales = one(
            "pl",
            "h = { $n ->\n    [one] godzinę\n    [few] godziny\n    [many] godzin\n   *[other] godziny\n}\n",
        );
        let h = |n: i64| locales.text(Language::Pl, "h", &[("n", n.into())]);
        assert_eq!(h(1), "godzinę");
        assert_eq!(h(3), "godziny");
        assert_eq!(h(5), "godzin");
        assert_eq!(h(22), "godziny");
        assert_eq!(h(48), "godzin");
    }

    /// intl_pluralrules 7.0.2 dropped the `n % 10` of Lithuanian "few", so 22–29 landed in
    /// "other"; the workspace patches it with `crates/intl-pluralrules-icu` (CLDR data of
    /// icu_plurals). `plural_tests.rs` pins the other languages the old rules got wrong.
    #[test]
    fn lithuanian_few_counts_the_last_digit() {
        let locales =
            one("lt", "h = { $n ->\n    [one] one\n    [few] few\n   *[other] other\n}\n");
        let h = |n: i64| locales.text(Language::Lt, "h", &[("n", n.into())]);
        assert_eq!(h(2), "few");
        assert_eq!(h(21), "one");
        assert_eq!(h(48), "few");
        assert_eq!(h(111), "other");
    }

    #[test]
    fn never_panics_on_broken_input() {
        let locales = one("en", "ok = fine\nbroken = { $x\nalso-ok = still { $missing }\n");
        assert_eq!(locales.text(Language::En, "ok", &[]), "fine");
        // A missing argument is shown as its name rather than failing.
        assert!(locales.text(Language::En, "also-ok", &[]).starts_with("still"));
        assert_eq!(locales.text(Language::En, "", &[]), "");
        assert_eq!(locales.text(Language::En, ".", &[]), ".");
    }

    #[test]
    fn locales_are_send_and_sync() {
        fn assert_send_sync<T: Send + Sync>() {}
        assert_send_sync::<Locales>();
    }
}
