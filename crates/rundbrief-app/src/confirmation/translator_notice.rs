//! The mail that tells a translator an issue needs their language (issue 21): written in the
//! account's editor UI language (German or English), one line per language of theirs that
//! still needs work, each with an absolute link to that variant in the composer.
//!
//! The row was written with the base-language revision that asked for it
//! (`TranslatorNoticeStore`); here it is claimed, checked against what is true now, sent and
//! settled, like a confirmation mail. What is checked when it is sent, not when it was
//! written: the account is still an active translator, the issue can still be edited, no newer
//! base revision has superseded it (that one has its own notice), and at least one of the
//! translator's languages has no ready translation made from this base revision.

use maud::{DOCTYPE, html};
use rundbrief_core::model::{IssueStatus, Role};
use rundbrief_core::{IssueId, Language};
use rundbrief_i18n::{Arg, Locales};
use rundbrief_mail::{Email, Transport as _};
use rundbrief_store::{OwedMailKind, StoreError};

use super::{ConfirmationError, ConfirmationMail, ConfirmationMailer, MailOutcome};
use crate::owed_mail::{Delivered, end_attempt, mail_lease, send_owed};

/// What a language of the translator needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoticeNeed {
    /// No variant in the language yet.
    Missing,
    /// A translation made from an older base revision.
    Stale,
    /// Made from this base revision but not marked ready.
    NotReady,
}

/// One line of the mail: a language, what it needs, and the link to its variant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoticeItem {
    pub language: Language,
    pub need: NoticeNeed,
    pub link: String,
}

/// The composer's tab of `language` in issue `issue`, absolute.
pub fn variant_edit_link(public_url: &str, issue: IssueId, language: Language) -> String {
    format!("{}/admin/issues/{}?tab={}", public_url.trim_end_matches('/'), issue.0, language.code())
}

/// Writes the notice in `ui` (German or English; anything else is English).
pub fn compose_translator_notice(
    locales: &Locales,
    ui: Language,
    organisation: &str,
    title: &str,
    base: Language,
    items: &[NoticeItem],
) -> ConfirmationMail {
    let ui = if ui == Language::De { Language::De } else { Language::En };
    let args = [
        ("issue", Arg::Str(title)),
        ("organisation", Arg::Str(organisation)),
        ("base", Arg::Str(base.native_name())),
    ];
    let t = |id: &str| locales.text(ui, id, &args);
    let subject = t("admin-notice-mail-subject");
    let greeting = t("admin-notice-mail-greeting");
    let intro = t("admin-notice-mail-intro");
    let why = t("admin-notice-mail-why");
    let line = |item: &NoticeItem| {
        let id = match item.need {
            NoticeNeed::Missing => "admin-notice-mail-missing",
            NoticeNeed::Stale => "admin-notice-mail-stale",
            NoticeNeed::NotReady => "admin-notice-mail-not-ready",
        };
        let name = format!("{} ({})", item.language.native_name(), item.language.code());
        locales.text(ui, id, &[("language", Arg::Str(&name))])
    };
    let mut text = format!("{greeting}\n\n{intro}\n\n");
    for item in items {
        text.push_str(&format!("- {}\n  {}\n", line(item), item.link));
    }
    text.push_str(&format!("\n{why}\n\n-- \n{organisation}\n"));
    let html = html! {
        (DOCTYPE)
        html lang=(ui.code()) dir="ltr" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (subject) }
            }
            body style="margin:0;padding:24px;font-family:Arial,Helvetica,sans-serif;color:#1a1a1a;line-height:1.5" {
                p { (greeting) }
                p { (intro) }
                ul {
                    @for item in items {
                        li { a href=(item.link) { (line(item)) } }
                    }
                }
                p style="font-size:14px;color:#555555" { (why) }
                p style="font-size:12px;color:#595959" { (organisation) }
            }
        }
    }
    .into_string();
    ConfirmationMail { subject, text, html }
}

impl ConfirmationMailer {
    /// Sends translator notice `id` once: claims it, skips it when nothing is owed any more,
    /// and records the outcome; transient failures are tried again like confirmation mails.
    pub async fn send_translator_notice(&self, id: i64) -> Result<MailOutcome, ConfirmationError> {
        let now = self.clock.now();
        let lease_until = now + mail_lease(&self.transport);
        let Some(claim) = self.store.claim_translator_notice(id, now, lease_until).await? else {
            return Ok(MailOutcome::NotMine);
        };
        let delivered = self
            .deliver_notice(id, claim.user, claim.issue, claim.base_revision, lease_until)
            .await;
        let ending = end_attempt(
            &*self.store,
            &self.deferrals,
            OwedMailKind::TranslatorNotice,
            id,
            claim.attempts,
            delivered,
            "translator notice",
            format_args!("user={} notice={id}", claim.user),
            self.clock.now(),
            mail_lease(&self.transport),
        );
        let (_, done) = ending.await?;
        Ok(done)
    }

    /// The languages of `user` that need work on `issue` at `base_revision`, when that is
    /// still the base text; empty when nothing is owed (any more).
    pub async fn translator_needs(
        &self,
        user: &rundbrief_core::model::User,
        issue: IssueId,
        base_revision: u32,
    ) -> Result<Vec<(Language, NoticeNeed)>, ConfirmationError> {
        if user.role != Role::Translator || user.disabled_at.is_some() {
            return Ok(Vec::new());
        }
        let found = match self.store.issue(issue).await {
            Ok(found) => found,
            Err(StoreError::NotFound(_)) => return Ok(Vec::new()),
            Err(error) => return Err(error.into()),
        };
        if !matches!(found.status, IssueStatus::Draft | IssueStatus::Scheduled) {
            return Ok(Vec::new());
        }
        let heads = self.store.revision_heads(issue).await?;
        let base_head = heads.iter().find(|h| h.language == found.base_language);
        if base_head.map(|h| h.revision) != Some(base_revision) {
            // Superseded (a newer base text has its own notice) or the base variant is gone.
            return Ok(Vec::new());
        }
        let variants = self.store.variants(issue).await?;
        let mut needs = Vec::new();
        for &language in user.languages.iter().filter(|l| **l != found.base_language) {
            let variant = variants.iter().find(|v| v.language == language);
            let source =
                heads.iter().find(|h| h.language == language).and_then(|h| h.source_revision);
            let need = match variant {
                None => NoticeNeed::Missing,
                Some(_) if source.is_none_or(|s| s < base_revision) => NoticeNeed::Stale,
                Some(v) if !v.ready => NoticeNeed::NotReady,
                Some(_) => continue,
            };
            needs.push((language, need));
        }
        Ok(needs)
    }

    /// Sends notice `notice_id` under a claim that ends at `lease_until`; `NotWanted` when
    /// nothing is owed any more.
    async fn deliver_notice(
        &self,
        notice_id: i64,
        user: rundbrief_core::UserId,
        issue: IssueId,
        base_revision: u32,
        lease_until: time::OffsetDateTime,
    ) -> Result<Delivered, ConfirmationError> {
        let account = match self.store.user(user).await {
            Ok(account) => account,
            Err(StoreError::NotFound(_)) => return Ok(Delivered::NotWanted),
            Err(error) => return Err(error.into()),
        };
        let needs = self.translator_needs(&account, issue, base_revision).await?;
        if needs.is_empty() {
            tracing::info!(user = %user, issue = %issue, base_revision, "translator notice skipped: nothing owed any more");
            return Ok(Delivered::NotWanted);
        }
        let found = self.store.issue(issue).await?;
        let items: Vec<NoticeItem> = needs
            .into_iter()
            .map(|(language, need)| NoticeItem {
                language,
                need,
                link: variant_edit_link(&self.settings.public_url, issue, language),
            })
            .collect();
        let ui = account.ui_language.unwrap_or(Language::En);
        let mail = compose_translator_notice(
            Locales::embedded(),
            ui,
            &self.settings.organisation_in(ui),
            &found.title,
            found.base_language,
            &items,
        );
        let mut writer = self.settings.message_writer.clone();
        let mut notice = Email::transactional(
            &self.from,
            account.email.as_str(),
            &mail.subject,
            &mail.text,
            &mail.html,
            if ui == Language::De { Language::De } else { Language::En },
        );
        notice.eight_bit = self.transport.accepts_8bit();
        let message = writer.build(&notice)?;
        let sending = send_owed(
            &self.transport,
            &message,
            self.clock.now(),
            lease_until,
            "translator notice",
            format_args!("user={user} notice={notice_id}"),
        );
        if sending.await? == Delivered::Deferred {
            return Ok(Delivered::Deferred);
        }
        tracing::info!(user = %user, issue = %issue, base_revision, message_id = %message.message_id, "translator notice sent");
        Ok(Delivered::Sent)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn items() -> Vec<NoticeItem> {
        vec![
            NoticeItem {
                language: Language::Pl,
                need: NoticeNeed::Missing,
                link: variant_edit_link("https://news.example.org/", IssueId(7), Language::Pl),
            },
            NoticeItem {
                language: Language::Ro,
                need: NoticeNeed::Stale,
                link: variant_edit_link("https://news.example.org", IssueId(7), Language::Ro),
            },
        ]
    }

    #[test]
    fn the_notice_is_in_the_accounts_language_with_a_link_per_language() {
        let de = compose_translator_notice(
            Locales::embedded(),
            Language::De,
            "Org",
            "Nov <b>",
            Language::De,
            &items(),
        );
        let en = compose_translator_notice(
            Locales::embedded(),
            Language::En,
            "Org",
            "Nov <b>",
            Language::De,
            &items(),
        );
        // Any other UI language falls back to English.
        let pl = compose_translator_notice(
            Locales::embedded(),
            Language::Pl,
            "Org",
            "Nov <b>",
            Language::De,
            &items(),
        );
        assert_ne!(de.subject, en.subject);
        assert_eq!(pl.subject, en.subject);
        for mail in [&de, &en] {
            assert!(
                mail.text.contains("https://news.example.org/admin/issues/7?tab=pl"),
                "{}",
                mail.text
            );
            assert!(mail.text.contains("https://news.example.org/admin/issues/7?tab=ro"));
            assert!(mail.html.contains("href=\"https://news.example.org/admin/issues/7?tab=pl\""));
            assert!(
                mail.text.contains("Polski (pl)") && mail.text.contains("Română (ro)"),
                "{}",
                mail.text
            );
            assert!(!mail.html.contains("<b>"), "the title is escaped");
            assert!(mail.subject.contains("Nov <b>"));
        }
        assert!(de.html.contains("lang=\"de\"") && en.html.contains("lang=\"en\""));
    }
}
