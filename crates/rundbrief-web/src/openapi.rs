//! The OpenAPI 3.1 description of `/api/v1`, generated from the handlers' annotations and the
//! response types, so it cannot drift from what the server does without the build noticing.

use axum::http::{Method, header};
use axum::response::{IntoResponse, Response};
use rundbrief_core::SubscriberStatus;
use rundbrief_core::model::TokenScope;
use utoipa::openapi::path::{Operation, Parameter, ParameterIn};
use utoipa::openapi::schema::{KnownFormat, ObjectBuilder, SchemaFormat, SchemaType, Type};
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityRequirement, SecurityScheme};
use utoipa::openapi::{Content, Ref, RefOr, Schema};
use utoipa::{Modify, OpenApi};

use crate::api::MAX_PAGE;

use crate::api::{
    bounces as api_bounces, consent as api_consent, imports as api_imports, issues as api_issues,
    lists, revisions as api_revisions, sending as api_sending, subscriber_export, subscribers,
    suppressions as api_suppressions, translations as api_translations,
};
use crate::error::{FieldProblem, Problem};

#[derive(OpenApi)]
#[openapi(
    info(title = "Rundbrief API", description = "Subscribers, lists, subscriptions, issues and their language variants of a Rundbrief instance. Errors are RFC 9457 problem documents (application/problem+json)."),
    servers((url = "/api/v1")),
    paths(
        subscribers::list_subscribers, subscribers::create_subscriber,
        subscribers::get_subscriber, subscribers::update_subscriber,
        subscribers::delete_subscriber, subscribers::consent_history,
        subscribers::add_subscription, subscribers::remove_subscription,
        api_consent::consent_log, subscriber_export::export_subscribers,
        lists::list_lists, lists::create_list, lists::get_list, lists::update_list,
        lists::delete_list,
        api_issues::list_issues, api_issues::create_issue, api_issues::get_issue,
        api_issues::update_issue, api_issues::delete_issue, api_issues::get_variant,
        crate::api::copy::copy_issue, crate::api::copy::set_template, crate::api::copy::set_public,
        crate::api::copy::list_templates, crate::api::machine::machine_draft,
        api_issues::put_variant, api_issues::delete_variant, api_issues::audience,
        api_issues::preview, api_revisions::list_revisions, api_revisions::get_revision,
        api_translations::export_translation, api_translations::import_translation,
        api_sending::send, api_sending::schedule, api_sending::pause,
        api_sending::resume, api_sending::cancel, api_sending::test, api_sending::progress,
        api_imports::create_import, api_imports::get_import, api_imports::list_imports,
        api_bounces::subscriber_bounces, api_bounces::issue_bounces,
        api_suppressions::list_suppressions, api_suppressions::lift_suppression,
        api_suppressions::list_lifts,
    ),
    components(schemas(
        subscribers::SubscriberBody, subscribers::SubscriberPage, subscribers::SubscriberCreate,
        subscribers::SubscriberPatch, subscribers::ConsentKind, subscribers::StatusChange, subscribers::ConsentEventBody, lists::ListBody,
        lists::ListInput, Problem, FieldProblem, crate::api::schema::LanguageCode,
        crate::api::schema::AudienceKind, crate::api::schema::ListNames,
        crate::api::schema::NonBlankText, crate::api::schema::RecordId,
        api_issues::IssueBody, api_issues::IssuePage, api_issues::IssueCreate,
        api_issues::IssuePatch, api_issues::SegmentBody, api_issues::SegmentRequest, api_issues::ListMatchKind,
        api_issues::VariantSummary, api_issues::VariantBody, api_issues::VariantRequest,
        api_issues::AudienceBody, api_issues::AudienceLanguageBody,
        api_revisions::RevisionSummary, api_revisions::RevisionBody,
        api_translations::TranslationImported,
        crate::api::copy::TemplateFlag, crate::api::copy::PublicFlag,
        crate::api::machine::MachineDraft, crate::api::machine::KeptUnit, api_sending::SendStarted, api_sending::ScheduleInput, api_sending::TestInput,
        api_sending::TestSent, api_imports::ImportBody, api_imports::ImportProgress,
        api_imports::ImportLinks, api_imports::ImportPage,
        api_bounces::BounceBody, api_bounces::BounceCountBody, api_bounces::BounceTotals,
        api_bounces::BounceRates, api_bounces::IssueBouncesBody,
        api_suppressions::SuppressionBody, api_suppressions::SuppressionPageBody,
        api_suppressions::SuppressionLiftInput, api_suppressions::SuppressionLiftBody,
        api_suppressions::SuppressionLiftPage,
    )),
    modifiers(&BearerAuth, &WhatTheServerAnswers),
    tags((name = "subscribers"), (name = "subscriptions"), (name = "lists"), (name = "issues"),
        (name = "variants"), (name = "imports")),
)]
pub struct ApiDoc;

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        if let Some(components) = openapi.components.as_mut() {
            components.add_security_scheme(
                "bearer",
                SecurityScheme::Http(
                    HttpBuilder::new()
                        .scheme(HttpAuthScheme::Bearer)
                        .description(Some(
                            "A token from `rundbrief token create --name NAME --scope SCOPE` or \
                             the admin UI's token page. Its scope decides what it may do: `read` \
                             (GET), `write` (read plus changes), `send` (write plus sending, \
                             scheduling, pausing, resuming, cancelling and test mails); each \
                             operation's security requirement names the scope it needs. A \
                             revoked or expired token gets 401, like an unknown one.",
                        ))
                        .build(),
                ),
            );
        }
    }
}

/// Makes the document say what the server does beyond each handler's own answers: every error
/// is an `application/problem+json` document, and the statuses any request can get (no token,
/// too many requests, the database away; for bodies: malformed, too large, not JSON, invalid
/// fields) are listed on every operation they apply to. Path ids are positive integers and
/// `lang` one of the 24 codes, as the extractors enforce.
struct WhatTheServerAnswers;

const PROBLEM_JSON: &str = "application/problem+json";

fn problem(description: &str) -> RefOr<utoipa::openapi::Response> {
    let content = Content::new(Some(Ref::from_schema_name("Problem")));
    let mut response = utoipa::openapi::Response::new(description);
    response.content.insert(PROBLEM_JSON.to_owned(), content);
    RefOr::T(response)
}

fn integer(minimum: Option<f64>, maximum: Option<f64>) -> RefOr<Schema> {
    ObjectBuilder::new()
        .schema_type(SchemaType::Type(Type::Integer))
        .format(Some(SchemaFormat::KnownFormat(KnownFormat::Int64)))
        .minimum(minimum)
        .maximum(maximum)
        .into()
}

fn strings(values: &[&str]) -> RefOr<Schema> {
    ObjectBuilder::new()
        .schema_type(SchemaType::Type(Type::String))
        .enum_values(Some(values.iter().copied()))
        .into()
}

fn text(max: usize) -> RefOr<Schema> {
    ObjectBuilder::new()
        .schema_type(SchemaType::Type(Type::String))
        .max_length(Some(max))
        .pattern(Some(crate::api::schema::TEXT_PATTERN))
        .into()
}

/// The schema a parameter really has, where the annotation's type says less.
fn parameter_schema(parameter: &Parameter) -> Option<RefOr<Schema>> {
    let statuses: Vec<&str> = SubscriberStatus::ALL.iter().map(|s| s.as_str()).collect();
    match (&parameter.parameter_in, parameter.name.as_str()) {
        (ParameterIn::Path, "id" | "list_id") => Some(Ref::from_schema_name("RecordId").into()),
        (ParameterIn::Path, "lang") | (ParameterIn::Query, "language") => {
            Some(Ref::from_schema_name("LanguageCode").into())
        }
        (ParameterIn::Path, "revision") => Some(integer(Some(1.0), Some(f64::from(u32::MAX)))),
        (ParameterIn::Query, "limit") => Some(integer(Some(1.0), Some(f64::from(MAX_PAGE)))),
        (ParameterIn::Query, "cursor") => Some(integer(None, None)),
        (ParameterIn::Query, "list" | "subscriber") => {
            Some(Ref::from_schema_name("RecordId").into())
        }
        (ParameterIn::Query, "created_from" | "created_before") => Some(
            ObjectBuilder::new()
                .schema_type(SchemaType::Type(Type::String))
                .format(Some(SchemaFormat::KnownFormat(KnownFormat::DateTime)))
                .into(),
        ),
        (ParameterIn::Query, "status") => Some(strings(&statuses)),
        (ParameterIn::Query, "reason") => {
            Some(strings(&["hard_bounce", "complaint", "erasure", "manual"]))
        }
        (ParameterIn::Query, "email") => Some(text(320)),
        (ParameterIn::Query, "after") => Some(
            ObjectBuilder::new()
                .schema_type(SchemaType::Type(Type::String))
                .pattern(Some(r"^[0-9]{1,10}\.[0-9a-f]{64}$"))
                .into(),
        ),
        (ParameterIn::Query, "format") => Some(strings(&["html", "text", "eml"])),
        (ParameterIn::Query, "consent") => {
            Some(strings(&rundbrief_app::import_jobs::CONSENT_KINDS))
        }
        (ParameterIn::Query, "update") => Some(strings(&[
            "name",
            "language",
            "lists",
            "name,language",
            "name,lists",
            "language,lists",
            "name,language,lists",
        ])),
        (ParameterIn::Query, "source" | "file_name") => Some(text(rundbrief_app::MAX_TEXT_LEN)),
        (ParameterIn::Query, "region" | "audience" | "q" | "name") => {
            Some(text(rundbrief_app::MAX_TEXT_LEN))
        }
        _ => None,
    }
}

impl Modify for WhatTheServerAnswers {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        for (path, item) in openapi.paths.paths.iter_mut() {
            let operations = [
                (Method::GET, &mut item.get),
                (Method::PUT, &mut item.put),
                (Method::POST, &mut item.post),
                (Method::DELETE, &mut item.delete),
                (Method::PATCH, &mut item.patch),
            ];
            for (method, operation) in operations {
                if let Some(operation) = operation {
                    describe(operation);
                    require_scope(operation, crate::api::scope::needed(&method, Some(path)));
                }
            }
        }
    }
}

/// The token scope an operation needs, as the token layer decides it (`api::scope`): named
/// in the security requirement (OpenAPI 3.1 allows role names for HTTP schemes), and a 403
/// for the tokens whose scope is too narrow.
fn require_scope(operation: &mut Operation, needed: TokenScope) {
    operation.security = Some(vec![SecurityRequirement::new("bearer", [needed.as_str()])]);
    if needed != TokenScope::Read {
        let description = format!("the token's scope is too narrow: this needs `{needed}`");
        operation
            .responses
            .responses
            .entry("403".to_owned())
            .or_insert_with(|| problem(&description));
    }
}

fn describe(operation: &mut Operation) {
    let responses = &mut operation.responses.responses;
    for response in responses.values_mut() {
        if let RefOr::T(response) = response
            && let Some(content) = response.content.shift_remove("application/json")
        {
            let is_problem = matches!(&content.schema, Some(RefOr::Ref(r)) if r.ref_location.ends_with("/Problem"));
            let kind = if is_problem { PROBLEM_JSON } else { "application/json" };
            response.content.insert(kind.to_owned(), content);
        }
    }
    let mut add = |status: &str, description: &str| {
        responses.entry(status.to_owned()).or_insert_with(|| problem(description));
    };
    add("401", "no valid API token");
    add("429", "too many requests from this client; Retry-After says when to try again");
    add("503", "the database is unavailable for the moment; Retry-After says when to try again");
    let parameters = operation.parameters.get_or_insert_with(Vec::new);
    for parameter in parameters.iter_mut() {
        if let Some(schema) = parameter_schema(parameter) {
            parameter.schema = Some(schema);
        }
    }
    if parameters.iter().any(|p| p.parameter_in == ParameterIn::Path) {
        add("404", "no such resource");
    }
    if parameters.iter().any(|p| p.parameter_in == ParameterIn::Query || p.name == "lang") {
        add("422", "a parameter is invalid; `errors` names it");
    }
    if operation.request_body.is_some() {
        add("400", "the body is not well-formed JSON");
        add("413", "the body is larger than 64 KiB");
        add("415", "the body is not application/json");
        add("422", "fields are missing, unknown or invalid; `errors` names each");
    }
}

/// `GET /api/v1/openapi.json`; needs no token, so clients can be generated from it.
pub async fn document() -> Response {
    match ApiDoc::openapi().to_json() {
        Ok(json) => ([(header::CONTENT_TYPE, "application/json")], json).into_response(),
        Err(_) => axum::http::StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_document_is_openapi_3_1_and_lists_every_route() {
        let doc: serde_json::Value =
            serde_json::from_str(&ApiDoc::openapi().to_json().expect("json")).expect("valid");
        assert!(
            doc["openapi"].as_str().is_some_and(|v| v.starts_with("3.1")),
            "{}",
            doc["openapi"]
        );
        for path in [
            "/subscribers",
            "/subscribers/{id}",
            "/subscribers/{id}/lists/{list_id}",
            "/subscribers/{id}/consent",
            "/consent-log",
            "/subscribers.csv",
            "/lists",
            "/lists/{id}",
            "/issues",
            "/issues/{id}",
            "/issues/{id}/variants/{lang}",
            "/issues/{id}/audience",
            "/issues/{id}/preview/{lang}",
            "/issues/{id}/variants/{lang}/revisions",
            "/issues/{id}/variants/{lang}/revisions/{revision}",
            "/imports",
            "/imports/{id}",
            "/subscribers/{id}/bounces",
            "/issues/{id}/bounces",
            "/suppressions",
            "/suppressions/lift",
            "/suppressions/lifts",
        ] {
            assert!(doc["paths"][path].is_object(), "{path} missing");
        }
        assert!(doc["components"]["securitySchemes"]["bearer"].is_object());
        // The consent log is CSV, and its subscriber is a record id like any other.
        let consent = &doc["paths"]["/consent-log"]["get"];
        assert!(consent["responses"]["200"]["content"]["text/csv"].is_object(), "{consent}");
        for status in ["404", "422"] {
            assert!(consent["responses"][status].is_object(), "/consent-log lacks {status}");
        }
        let subscriber = consent["parameters"]
            .as_array()
            .expect("parameters")
            .iter()
            .find(|p| p["name"] == "subscriber")
            .expect("the subscriber parameter");
        assert_eq!(subscriber["schema"]["$ref"], "#/components/schemas/RecordId");
        // So is the subscriber export, with the list's filters typed as there.
        let export = &doc["paths"]["/subscribers.csv"]["get"];
        assert!(export["responses"]["200"]["content"]["text/csv"].is_object(), "{export}");
        assert!(export["responses"]["422"].is_object(), "/subscribers.csv lacks 422");
        let list = export["parameters"]
            .as_array()
            .expect("parameters")
            .iter()
            .find(|p| p["name"] == "list")
            .expect("the list parameter");
        assert_eq!(list["schema"]["$ref"], "#/components/schemas/RecordId");
    }

    #[test]
    fn errors_are_problem_documents_and_bodies_refuse_unknown_fields() {
        let doc: serde_json::Value =
            serde_json::from_str(&ApiDoc::openapi().to_json().expect("json")).expect("valid");
        let mut bodies = 0;
        for (path, item) in doc["paths"].as_object().expect("paths") {
            for (method, operation) in item.as_object().expect("operations") {
                let responses = operation["responses"].as_object().expect("responses");
                for status in ["401", "429", "503"] {
                    assert!(responses.contains_key(status), "{method} {path} lacks {status}");
                }
                for (status, response) in responses {
                    if status.starts_with(['4', '5']) {
                        let content = response["content"].as_object().expect("content");
                        assert_eq!(
                            content.keys().collect::<Vec<_>>(),
                            ["application/problem+json"],
                            "{method} {path} {status}"
                        );
                    }
                }
                let Some(reference) =
                    operation["requestBody"]["content"]["application/json"]["schema"]["$ref"]
                        .as_str()
                else {
                    continue;
                };
                bodies += 1;
                for status in ["400", "413", "415", "422"] {
                    assert!(responses.contains_key(status), "{method} {path} lacks {status}");
                }
                let name = reference.rsplit('/').next().expect("a name");
                let schema = &doc["components"]["schemas"][name];
                assert_eq!(schema["additionalProperties"], false, "{name}");
            }
        }
        assert_eq!(bodies, 12, "every body of the API has its schema");
        // Each operation names the scope it needs; changes and sends say what a narrower
        // token gets.
        let scope = |path: &str, method: &str| {
            let operation = &doc["paths"][path][method];
            let needed = operation["security"][0]["bearer"][0].as_str().map(str::to_owned);
            (needed, operation["responses"]["403"].is_object())
        };
        assert_eq!(scope("/subscribers", "get"), (Some("read".into()), false));
        assert_eq!(scope("/subscribers", "post"), (Some("write".into()), true));
        assert_eq!(scope("/issues/{id}/variants/{lang}", "put"), (Some("write".into()), true));
        for route in crate::api::sending::SEND_ROUTES {
            assert_eq!(scope(route, "post"), (Some("send".into()), true), "{route}");
        }
        let lang = &doc["paths"]["/issues/{id}/variants/{lang}"]["get"]["parameters"][1];
        assert_eq!(lang["schema"]["$ref"], "#/components/schemas/LanguageCode");
        let codes = doc["components"]["schemas"]["LanguageCode"]["enum"].as_array().expect("enum");
        assert_eq!(codes.len(), 24);
    }
}
