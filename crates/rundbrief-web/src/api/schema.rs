//! Value types of request and response bodies whose OpenAPI schema says exactly what the server
//! accepts: the 24 language codes as an enum, the audiences, and the names of a list per
//! language.

use std::borrow::Cow;
use std::collections::BTreeMap;

use rundbrief_app::AUDIENCES;
use rundbrief_core::Language;
use serde::de::{self, Deserializer};
use serde::{Deserialize, Serialize, Serializer};
use utoipa::openapi::RefOr;
use utoipa::openapi::schema::{AdditionalProperties, ObjectBuilder, Schema, SchemaType, Type};
use utoipa::{PartialSchema, ToSchema};

/// The code of one of the 24 official EU languages (ISO 639-1), as bodies and paths spell it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct LanguageCode(pub Language);

/// Why a language code was refused.
pub const LANGUAGE_RULE: &str =
    "must be the code of one of the 24 official EU languages in lower case, e.g. \"de\"";

fn language_codes() -> impl Iterator<Item = &'static str> {
    Language::ALL.into_iter().map(|l| l.code())
}

/// Only so that bodies can be read field by field (see `api::body`); a required language that
/// is missing is reported, never used.
impl Default for LanguageCode {
    fn default() -> Self {
        Self(Language::De)
    }
}

impl LanguageCode {
    /// Exactly one of the 24 codes, as the schema's enum lists them.
    pub fn parse(code: &str) -> Option<Self> {
        Language::ALL.into_iter().find(|l| l.code() == code).map(Self)
    }
}

impl Serialize for LanguageCode {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.0.code())
    }
}

impl<'de> Deserialize<'de> for LanguageCode {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let code = Cow::<'de, str>::deserialize(deserializer)?;
        Self::parse(&code).ok_or_else(|| de::Error::custom(LANGUAGE_RULE))
    }
}

impl PartialSchema for LanguageCode {
    fn schema() -> RefOr<Schema> {
        ObjectBuilder::new()
            .schema_type(SchemaType::Type(Type::String))
            .enum_values(Some(language_codes()))
            .description(Some("ISO 639-1 code of one of the 24 official EU languages"))
            .examples([serde_json::json!("de")])
            .into()
    }
}

impl ToSchema for LanguageCode {}

/// Who a subscriber is, as the sign-up form asks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum AudienceKind {
    Citizen,
    Counsellor,
    Organisation,
}

impl AudienceKind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Citizen => AUDIENCES[0],
            Self::Counsellor => AUDIENCES[1],
            Self::Organisation => AUDIENCES[2],
        }
    }
}

/// The name of a list per language: at least one, each 1 to 200 characters.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ListNames(pub BTreeMap<LanguageCode, String>);

impl PartialSchema for ListNames {
    fn schema() -> RefOr<Schema> {
        let name = || {
            ObjectBuilder::new()
                .schema_type(SchemaType::Type(Type::String))
                .min_length(Some(1))
                .max_length(Some(rundbrief_app::MAX_TEXT_LEN))
                .pattern(Some(NON_BLANK_PATTERN))
        };
        let mut object = ObjectBuilder::new()
            .schema_type(SchemaType::Type(Type::Object))
            .description(Some("The list's name per language code; at least one"))
            .min_properties(Some(1))
            .additional_properties(Some(AdditionalProperties::<Schema>::FreeForm(false)))
            .examples([serde_json::json!({"de": "Arbeit", "pl": "Praca"})]);
        for code in language_codes() {
            object = object.property(code, name());
        }
        object.into()
    }
}

impl ToSchema for ListNames {}

/// Text without control characters (what `clean_optional_text` accepts; blank means none).
pub const TEXT_PATTERN: &str = r"^[^\u0000-\u001F\u007F-\u009F]*$";
/// Text without control characters and with at least one character that is not a space.
pub const NON_BLANK_PATTERN: &str = r"^[^\u0000-\u001F\u007F-\u009F]*[^\s\u0000-\u001F\u007F-\u009F][^\u0000-\u001F\u007F-\u009F]*$";

/// A short text that must say something: 1 to 200 characters, not only spaces, no control
/// characters (a region, say).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct NonBlankText(pub String);

impl PartialSchema for NonBlankText {
    fn schema() -> RefOr<Schema> {
        ObjectBuilder::new()
            .schema_type(SchemaType::Type(Type::String))
            .min_length(Some(1))
            .max_length(Some(rundbrief_app::MAX_TEXT_LEN))
            .pattern(Some(NON_BLANK_PATTERN))
            .into()
    }
}

impl ToSchema for NonBlankText {}

/// The id of a record named in a path or a body: a positive integer up to
/// [`crate::extract::MAX_ROW_ID`], so that every JSON parser reads it exactly.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct RecordId(pub i64);

impl PartialSchema for RecordId {
    fn schema() -> RefOr<Schema> {
        ObjectBuilder::new()
            .schema_type(SchemaType::Type(Type::Integer))
            .format(Some(utoipa::openapi::schema::SchemaFormat::KnownFormat(
                utoipa::openapi::schema::KnownFormat::Int64,
            )))
            .minimum(Some(1.0))
            .maximum(Some(crate::extract::MAX_ROW_ID as f64))
            .into()
    }
}

impl ToSchema for RecordId {}
