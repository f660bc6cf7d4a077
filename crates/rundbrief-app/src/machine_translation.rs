//! Machine-translation drafts (issue 21), optional and off unless `RUNDBRIEF_MT_URL` is set: a
//! translation filled from the base-language variant by a LibreTranslate-compatible service or
//! DeepL, stored as a draft whose revision is marked machine-drafted (never ready: a person
//! saves it or marks it ready).
//!
//! Only the variant's text goes out, unit by unit as `rundbrief_render::translation` splits
//! it, with placeholders, links and markup as elements the service leaves alone; never a
//! subscriber's data. A unit whose codes do not come back intact keeps its source text and is
//! reported. A timeout, an HTTP error or an answer that cannot be read writes nothing.

use std::time::Duration;

use http_body_util::{BodyExt, Full, Limited};
use hyper::body::Bytes;
use hyper_util::rt::TokioIo;
use rundbrief_core::model::{Variant, VariantInput};
use rundbrief_core::{IssueId, Language};
use rundbrief_render::translation::{UnitProblem, VariantText, machine_draft, machine_segments};
use rundbrief_store::RevisionAuthor;
use serde_json::{Value, json};

pub use hyper::Uri as MtUrl;

use crate::issues::ensure_editable;
use crate::{App, AppError};

/// Which API the service speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MtProvider {
    /// `POST {url}/translate` with `{q, source, target, format: "html", api_key}`.
    LibreTranslate,
    /// `POST {url}/v2/translate` with `Authorization: DeepL-Auth-Key …` and `tag_handling: xml`.
    DeepL,
}

/// The configured service.
#[derive(Clone)]
pub struct MtSettings {
    pub provider: MtProvider,
    /// The API's base URL, `http://` or `https://`.
    pub url: MtUrl,
    pub api_key: Option<String>,
    pub timeout: Duration,
}

impl std::fmt::Debug for MtSettings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MtSettings")
            .field("provider", &self.provider)
            .field("url", &self.url.to_string())
            .field("api_key", &self.api_key.as_ref().map(|_| "***"))
            .field("timeout", &self.timeout)
            .finish()
    }
}

/// The most an answer may hold; a variant's text is far smaller.
const MAX_ANSWER: usize = 4 * 1024 * 1024;

impl MtSettings {
    /// Translates `texts` (markup) from `source` to `target`, one answer per text in order.
    pub async fn translate(
        &self,
        source: Language,
        target: Language,
        texts: &[String],
    ) -> Result<Vec<String>, String> {
        let (path, body, auth) = match self.provider {
            MtProvider::LibreTranslate => {
                let mut body = json!({
                    "q": texts, "source": source.code(), "target": target.code(), "format": "html",
                });
                if let Some(key) = &self.api_key {
                    body["api_key"] = json!(key);
                }
                ("/translate", body, None)
            }
            MtProvider::DeepL => {
                let target = match target {
                    Language::En => "EN-GB".to_owned(),
                    Language::Pt => "PT-PT".to_owned(),
                    other => other.code().to_uppercase(),
                };
                let body = json!({
                    "text": texts, "source_lang": source.code().to_uppercase(),
                    "target_lang": target, "tag_handling": "xml",
                });
                let auth = self.api_key.as_ref().map(|k| format!("DeepL-Auth-Key {k}"));
                ("/v2/translate", body, auth)
            }
        };
        let answer = tokio::time::timeout(self.timeout, self.post(path, &body, auth))
            .await
            .map_err(|_| {
                format!(
                    "the translation service did not answer within {} s",
                    self.timeout.as_secs()
                )
            })??;
        let translated: Vec<String> = match self.provider {
            MtProvider::LibreTranslate => match &answer["translatedText"] {
                Value::Array(items) => {
                    items.iter().map(|v| v.as_str().map(str::to_owned)).collect()
                }
                Value::String(one) if texts.len() == 1 => Some(vec![one.clone()]),
                _ => None,
            },
            MtProvider::DeepL => answer["translations"].as_array().and_then(|items| {
                items.iter().map(|v| v["text"].as_str().map(str::to_owned)).collect()
            }),
        }
        .ok_or("the translation service's answer has no translations")?;
        if translated.len() != texts.len() {
            return Err(format!(
                "the translation service answered {} texts for {}",
                translated.len(),
                texts.len()
            ));
        }
        Ok(translated)
    }

    async fn post(&self, path: &str, body: &Value, auth: Option<String>) -> Result<Value, String> {
        let unreachable = |e: &dyn std::fmt::Display| format!("the translation service: {e}");
        let host = self.url.host().ok_or("RUNDBRIEF_MT_URL has no host")?.to_owned();
        let https = self.url.scheme_str() == Some("https");
        let port = self.url.port_u16().unwrap_or(if https { 443 } else { 80 });
        let base = self.url.path().trim_end_matches('/');
        let authority = self.url.authority().map(|a| a.to_string()).unwrap_or_else(|| host.clone());
        let mut request = hyper::Request::post(format!("{base}{path}"))
            .header(hyper::header::HOST, authority)
            .header(hyper::header::CONTENT_TYPE, "application/json")
            .header(hyper::header::ACCEPT, "application/json");
        if let Some(auth) = auth {
            request = request.header(hyper::header::AUTHORIZATION, auth);
        }
        let request =
            request.body(Full::new(Bytes::from(body.to_string()))).map_err(|e| unreachable(&e))?;
        let tcp = tokio::net::TcpStream::connect((host.as_str(), port))
            .await
            .map_err(|e| unreachable(&e))?;
        let (status, bytes) = if https {
            let tls = tls_connector().map_err(|e| unreachable(&e))?;
            let name = tokio_rustls::rustls::pki_types::ServerName::try_from(host.clone())
                .map_err(|e| unreachable(&e))?;
            let stream = tls.connect(name, tcp).await.map_err(|e| unreachable(&e))?;
            exchange(stream, request).await?
        } else {
            exchange(tcp, request).await?
        };
        if !(200..300).contains(&status) {
            // The service's own message, shortened: it says what was wrong (a bad key, a
            // language it does not offer).
            let said = String::from_utf8_lossy(&bytes).chars().take(200).collect::<String>();
            return Err(format!("the translation service answered HTTP {status}: {said}"));
        }
        serde_json::from_slice(&bytes)
            .map_err(|e| format!("the translation service's answer is not JSON: {e}"))
    }
}

async fn exchange<S>(
    stream: S,
    request: hyper::Request<Full<Bytes>>,
) -> Result<(u16, Bytes), String>
where
    S: tokio::io::AsyncRead + tokio::io::AsyncWrite + Unpin + Send + 'static,
{
    let failed = |e: &dyn std::fmt::Display| format!("the translation service: {e}");
    let (mut sender, connection) = hyper::client::conn::http1::handshake(TokioIo::new(stream))
        .await
        .map_err(|e| failed(&e))?;
    let driver = tokio::spawn(connection);
    let response = sender.send_request(request).await.map_err(|e| failed(&e));
    let result = match response {
        Ok(response) => {
            let status = response.status().as_u16();
            Limited::new(response.into_body(), MAX_ANSWER)
                .collect()
                .await
                .map(|b| (status, b.to_bytes()))
                .map_err(|e| failed(&e))
        }
        Err(e) => Err(e),
    };
    driver.abort();
    result
}

fn tls_connector() -> Result<tokio_rustls::TlsConnector, String> {
    use tokio_rustls::rustls;
    let mut roots = rustls::RootCertStore::empty();
    for cert in rustls_native_certs::load_native_certs().certs {
        let _ = roots.add(cert);
    }
    let config = rustls::ClientConfig::builder_with_provider(std::sync::Arc::new(
        rustls::crypto::ring::default_provider(),
    ))
    .with_safe_default_protocol_versions()
    .map_err(|e| e.to_string())?
    .with_root_certificates(roots)
    .with_no_client_auth();
    Ok(tokio_rustls::TlsConnector::from(std::sync::Arc::new(config)))
}

impl App {
    /// Whether a translation service is configured (the composer offers the action only then).
    pub fn machine_translation_available(&self) -> bool {
        self.settings().machine_translation.is_some()
    }

    /// Fills the variant of `language` from the base variant by machine translation, as a
    /// draft (not ready) whose revision is marked machine-drafted; the units that kept their
    /// source text are returned. 409 when no service is configured or `language` is the base
    /// language; 502 with the reason when the service fails, and then nothing is written.
    pub async fn machine_draft(
        &self,
        id: IssueId,
        language: Language,
        author: RevisionAuthor,
    ) -> Result<(Variant, Vec<UnitProblem>), AppError> {
        let store = self.store();
        let issue = store.issue(id).await?;
        let Some(service) = self.settings().machine_translation.clone() else {
            return Err(AppError::Conflict(
                "machine translation is not configured (RUNDBRIEF_MT_URL)".into(),
            ));
        };
        ensure_editable(&issue, "its variants")?;
        if language == issue.base_language {
            return Err(AppError::Conflict(format!(
                "{} is the base language of issue {id}; it is translated from, not into",
                language.code()
            )));
        }
        let base = store.variant(id, issue.base_language).await?;
        let source = VariantText {
            subject: base.subject,
            preheader: base.preheader,
            markdown: base.body_markdown,
        };
        let segments = machine_segments(&source);
        let texts: Vec<String> = segments.iter().map(|s| s.text.clone()).collect();
        let translated = service
            .translate(issue.base_language, language, &texts)
            .await
            .map_err(AppError::Upstream)?;
        let pairs: Vec<(String, String)> =
            segments.into_iter().map(|s| s.id).zip(translated).collect();
        let (draft, problems) = machine_draft(&source, &pairs);
        let input = self.check_variant(
            language,
            VariantInput {
                subject: draft.subject,
                preheader: draft.preheader,
                body_markdown: draft.markdown,
                ready: false,
            },
        )?;
        let saved = store.save_machine_draft(id, language, &input, author, self.now()).await?;
        let detail = json!({
            "language": language.code(),
            "ready": false,
            "revision": saved.head.revision,
            "machine": true,
            "kept_source": problems.len(),
        });
        let target = Some(crate::audit::Target::new("issue", id.0));
        self.record(crate::audit::actor_of(author), "variant.saved", target, detail).await;
        tracing::info!(
            issue = %id,
            language = language.code(),
            revision = saved.head.revision,
            kept_source = problems.len(),
            "machine translation draft saved"
        );
        Ok((saved.variant, problems))
    }
}
