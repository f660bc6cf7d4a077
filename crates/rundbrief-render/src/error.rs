//! What can go wrong while preparing a mail; personalising a prepared one cannot fail.

use std::fmt;
use std::path::PathBuf;

/// Which part of a variant a problem was found in, so the editor UI can point at it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SourceField {
    Subject,
    Preheader,
    Body,
}

impl fmt::Display for SourceField {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            SourceField::Subject => "subject",
            SourceField::Preheader => "preheader",
            SourceField::Body => "body",
        })
    }
}

#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    /// `{{ something }}` that is not one of the known placeholders. Refused at preview and
    /// prepare time because a sent mail must never show a blank or the raw braces.
    #[error(
        "unknown placeholder {{{{ {name} }}}} in the {field}, line {line}; known placeholders: {known}",
        known = crate::Placeholder::known_list()
    )]
    UnknownPlaceholder {
        field: SourceField,
        name: String,
        /// 1-based line within the field.
        line: usize,
    },

    #[error("cannot read {path}: {source}")]
    TemplateRead {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },

    #[error("{path} is not valid: {source}")]
    TemplateParse {
        path: PathBuf,
        #[source]
        source: Box<toml::de::Error>,
    },

    #[error("{path}: `{key}` {problem}")]
    TemplateValue { path: PathBuf, key: String, problem: &'static str },
}
