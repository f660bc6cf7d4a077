//! The behaviour every storage backend must have, as plain `async fn`s over `Arc<dyn Store>`.
//!
//! Each backend crate runs the whole suite with [`contract_tests!`](crate::contract_tests) on a
//! fresh, throwaway database per test, so SQLite and PostgreSQL are held to the same contract
//! test by test. Tests panic on failure, like any test.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::{BTreeMap, HashSet};
use std::sync::Arc;

use rundbrief_core::model::{
    ConsentAction, DeliveryStatus, IssueStatus, IssueUpdate, NewConsentEvent, NewIssue, NewList,
    NewSubscriber, Role, Session, SubscriberFilter, SubscriberUpdate, SuppressionReason,
    VariantInput,
};
use rundbrief_core::segment::{ListMatch, Segment};
use rundbrief_core::{
    DeliveryId, EmailAddress, IssueId, Language, ListId, SubscriberId, SubscriberStatus,
};
use time::{Duration, OffsetDateTime};

use crate::{SentDelivery, Store, StoreError};

pub type SharedStore = Arc<dyn Store>;

#[path = "contract_health.rs"]
mod health;
pub use health::*;

#[path = "contract_outbox.rs"]
mod outbox;
pub use outbox::*;
#[path = "contract_ledger.rs"]
mod ledger;
pub use ledger::*;
#[path = "contract_subscribers.rs"]
mod subscribers;
pub use subscribers::*;
#[path = "contract_deliveries.rs"]
mod deliveries;
pub use deliveries::*;
#[path = "contract_account_links.rs"]
mod account_links;
pub use account_links::*;
#[path = "contract_consent.rs"]
mod consent;
pub use consent::*;
#[path = "contract_import.rs"]
mod import;
pub use import::*;
#[path = "contract_bulk.rs"]
mod bulk;
pub use bulk::*;
#[path = "contract_import_jobs.rs"]
mod import_jobs;
pub use import_jobs::*;
#[path = "contract_bounces.rs"]
mod bounces;
pub use bounces::*;
#[path = "contract_api_tokens.rs"]
mod api_tokens;
pub use api_tokens::*;
#[path = "contract_revisions.rs"]
mod revisions;
pub use revisions::*;
#[path = "contract_suppressions.rs"]
mod suppressions;
pub use suppressions::*;
#[path = "contract_two_factor.rs"]
mod two_factor;
pub use two_factor::*;
#[path = "contract_archive.rs"]
mod archive;
pub use archive::*;
#[path = "contract_pow.rs"]
mod pow;
pub use pow::*;
#[path = "contract_accounts.rs"]
mod accounts;
pub use accounts::*;
#[path = "contract_copy.rs"]
mod copy;
pub use copy::*;
#[path = "contract_notices.rs"]
mod notices;
pub use notices::*;
#[path = "contract_media.rs"]
mod media;
pub use media::*;
#[path = "contract_audit.rs"]
mod audit;
pub use audit::*;
#[path = "contract_welcome.rs"]
mod welcome;
pub use welcome::*;

/// Runs every contract test against the backend that `$harness` provides. `$harness` is an
/// `async fn(test: fn(SharedStore) -> BoxFuture<'static, ()>)` that creates a fresh database,
/// runs the test on it and throws the database away.
#[macro_export]
macro_rules! contract_tests {
    ($harness:path) => {
        $crate::contract_tests!(@each $harness;
            a_migrated_store_answers_and_misses_no_migration,
            create_and_get_round_trips,
            email_uniqueness_ignores_case,
            lookup_by_email_uses_the_normalised_address,
            missing_records_are_not_found,
            update_changes_only_the_given_fields,
            confirming_sets_confirmed_at,
            illegal_status_transitions_are_rejected_and_change_nothing,
            unsubscribing_sets_unsubscribed_at,
            suppressed_address_cannot_be_created,
            suppressed_address_cannot_be_reactivated,
            consent_log_is_append_only_and_ordered,
            consent_for_a_missing_subscriber_is_refused,
            erasing_removes_personal_data,
            erasing_keeps_anonymous_counts,
            erasing_anonymises_the_consent_history,
            erased_address_cannot_sign_up_again,
            erasing_twice_is_harmless,
            consent_log_pages_per_subscriber_filter_or_everyone,
            an_erased_address_comes_back_only_by_its_own_confirmed_sign_up,
            bounced_and_complained_addresses_stay_suppressed_for_sign_ups,
            sent_issues_are_listed_per_subscriber,
            listing_pages_with_a_cursor_without_gaps_or_overlap,
            listing_filters_by_status_language_region_and_audience,
            listing_filters_by_list_and_search,
            search_treats_wildcards_literally,
            listing_filters_by_creation_time,
            growth_is_counted_per_calendar_month,
            lists_keep_localised_names,
            list_slugs_are_unique,
            subscriptions_are_idempotent_and_removable,
            subscriptions_of_many_come_in_one_answer,
            issue_status_changes_are_compare_and_set,
            issues_page_newest_first,
            variants_are_upserted_per_language,
            variant_of_a_missing_issue_is_not_found,
            only_draft_issues_can_be_deleted_or_sent_ones_edited,
            scheduled_issues_become_due,
            segments_hold_only_active_unsuppressed_subscribers,
            segments_match_any_or_all_lists,
            segments_filter_region_and_audience,
            snapshot_is_idempotent,
            the_ledger_only_holds_rows_of_issues_that_exist,
            a_claim_from_an_id_leaves_the_rows_below_it,
            deliveries_are_unique_per_issue_and_subscriber,
            concurrent_claimers_never_get_the_same_row,
            expired_leases_are_reclaimed_and_live_ones_are_not,
            open_deliveries_are_those_pending_or_sending,
            retries_wait_until_due,
            delivery_outcomes_are_counted_per_language,
            starting_to_send_snapshots_the_audience_in_the_same_step,
            pausing_records_a_reason_that_the_next_change_clears,
            recipients_are_read_per_batch_with_their_suppression,
            caps_count_what_was_sent_recently,
            released_deliveries_are_due_again_without_losing_an_attempt,
            heartbeats_renew_only_their_own_live_claims,
            a_restarted_worker_releases_what_its_earlier_incarnation_held,
            progress_per_language_keeps_what_was_sent,
            a_signup_request_is_claimed_once_and_processed_once,
            a_confirmation_mail_is_claimed_once_and_counted_per_address,
            a_claim_whose_job_sent_nothing_is_given_back_without_an_attempt,
            confirmation_requests_check_the_status_they_expect,
            users_are_unique_by_email,
            translators_keep_their_languages,
            sessions_expire,
            api_tokens_are_found_by_hash_and_revocable,
            api_tokens_keep_their_scope_and_expire,
            api_token_use_is_recorded_at_most_once_a_minute,
            api_tokens_are_listed_with_revoked_ones,
            an_import_batch_creates_once_and_records_consent_once,
            an_import_never_revives_and_updates_only_what_it_is_told,
            subscriber_ids_are_exactly_those_the_filter_lists,
            an_import_job_is_claimed_once_reports_progress_and_finishes,
            an_import_job_of_a_dead_runner_is_taken_over_from_the_start,
            a_hard_bounce_suppresses_bounces_and_is_in_the_consent_log,
            soft_bounces_bounce_only_when_enough_fall_within_the_window,
            a_complaint_suppresses_and_marks_the_subscriber_complained,
            bounces_are_counted_per_issue_and_language,
            an_invitation_is_accepted_once_and_creates_its_account,
            a_reset_sets_the_password_once_and_ends_the_sessions,
            disabling_revokes_open_resets_and_a_disabled_account_keeps_its_password,
            an_account_mail_is_claimed_by_one_worker_and_settled_once,
            purging_removes_old_raw_mails_and_keeps_the_rows,
            each_changed_save_keeps_a_revision_with_its_author_and_source,
            revisions_count_on_after_a_variant_is_deleted,
            suppressions_are_listed_newest_first_filtered_and_paged,
            a_lift_is_recorded_keeps_the_status_and_opens_the_sign_up,
            a_suppression_names_its_subscriber_until_they_are_erased,
            two_factor_is_confirmed_once_and_codes_move_forward,
            recovery_codes_work_once_and_a_reset_removes_everything,
            requiring_two_factor_ends_sessions_without_it,
            a_pow_salt_is_spent_once_and_forgotten_after_its_expiry,
            the_archive_lists_public_issues_that_went_out_newest_first,
            roles_change_and_one_active_admin_always_remains,
            disabling_ends_sessions_and_spares_the_last_active_admin,
            an_account_keeps_its_ui_language,
            two_admins_demoting_each_other_at_once_leave_one,
            a_copy_is_a_draft_with_the_variants_and_segment_and_no_history,
            issues_are_marked_as_templates_and_their_copies_are_not,
            a_new_base_revision_owes_each_active_translator_of_another_language_one_notice,
            a_machine_draft_is_marked_until_a_person_saves_it,
            images_are_stored_once_per_name_with_their_bytes,
            audit_entries_are_appended_filtered_and_paged_newest_first,
            the_welcome_issue_is_one_and_never_listed_as_a_campaign,
            a_confirmation_owes_one_welcome_mail_only_while_it_is_on_and_written,
            a_welcome_mail_is_claimed_once_and_settled_once,
        );
    };
    (@each $harness:path; $($name:ident),* $(,)?) => {
        $(
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn $name() {
                $harness(|store| Box::pin($crate::contract::$name(store))).await;
            }
        )*

        /// Guards against a contract test that is written but never run.
        #[test]
        fn every_contract_test_is_listed() {
            let listed: &[&str] = &[$(stringify!($name)),*];
            let written = $crate::contract::written_tests();
            let mut missing: Vec<&str> =
                written.iter().copied().filter(|w| !listed.contains(w)).collect();
            missing.sort_unstable();
            assert!(missing.is_empty(), "contract tests not listed in contract_tests!: {missing:?}");
        }
    };
}

/// Names of the `pub async fn`s in this file, read from its source text.
pub fn written_tests() -> Vec<&'static str> {
    include_str!("contract.rs")
        .lines()
        .chain(include_str!("contract_health.rs").lines())
        .chain(include_str!("contract_outbox.rs").lines())
        .chain(include_str!("contract_ledger.rs").lines())
        .chain(include_str!("contract_subscribers.rs").lines())
        .chain(include_str!("contract_deliveries.rs").lines())
        .chain(include_str!("contract_consent.rs").lines())
        .chain(include_str!("contract_import.rs").lines())
        .chain(include_str!("contract_bulk.rs").lines())
        .chain(include_str!("contract_import_jobs.rs").lines())
        .chain(include_str!("contract_bounces.rs").lines())
        .chain(include_str!("contract_api_tokens.rs").lines())
        .chain(include_str!("contract_revisions.rs").lines())
        .chain(include_str!("contract_suppressions.rs").lines())
        .chain(include_str!("contract_two_factor.rs").lines())
        .chain(include_str!("contract_archive.rs").lines())
        .chain(include_str!("contract_pow.rs").lines())
        .chain(include_str!("contract_accounts.rs").lines())
        .chain(include_str!("contract_copy.rs").lines())
        .chain(include_str!("contract_notices.rs").lines())
        .chain(include_str!("contract_media.rs").lines())
        .chain(include_str!("contract_audit.rs").lines())
        .chain(include_str!("contract_welcome.rs").lines())
        .chain(include_str!("contract_account_links.rs").lines())
        .filter_map(|line| line.strip_prefix("pub async fn "))
        .filter_map(|rest| rest.split('(').next())
        .collect()
}

fn t0() -> OffsetDateTime {
    time::macros::datetime!(2026-11-25 12:00:00 UTC)
}

/// A German variant accepted by the server at `at`.
fn sent(id: DeliveryId, message_id: &str, at: OffsetDateTime) -> SentDelivery {
    SentDelivery { id, language: Language::De, message_id: message_id.to_owned(), at }
}

fn email(s: &str) -> EmailAddress {
    EmailAddress::parse(s).expect("valid test address")
}

fn pending(address: &str, language: Language) -> NewSubscriber {
    NewSubscriber::pending(email(address), language)
}

fn active(address: &str, language: Language) -> NewSubscriber {
    NewSubscriber { status: SubscriberStatus::Active, ..pending(address, language) }
}

async fn add_active(store: &SharedStore, address: &str, language: Language) -> SubscriberId {
    store.create_subscriber(&active(address, language), t0()).await.unwrap().id
}

async fn add_list(store: &SharedStore, slug: &str) -> ListId {
    let list = NewList { slug: slug.into(), names: BTreeMap::new(), public: true };
    store.create_list(&list, t0()).await.unwrap().id
}

async fn add_issue(store: &SharedStore, segment: Segment) -> IssueId {
    let new = NewIssue { title: "November".into(), base_language: Language::De, segment };
    store.create_issue(&new, t0()).await.unwrap().id
}

/// An issue to everyone, its ledger snapshotted at `t0()`.
async fn snapshotted_issue(store: &SharedStore) -> IssueId {
    let issue = add_issue(store, Segment::everyone()).await;
    store.snapshot_deliveries(issue, &Segment::everyone(), t0()).await.unwrap();
    issue
}

/// Claims up to `limit` rows due at `t0()` under `token`, with a lease of five minutes.
async fn claim_at_t0(
    store: &SharedStore,
    issue: IssueId,
    limit: u32,
    token: &str,
) -> Vec<rundbrief_core::model::Delivery> {
    let lease_end = t0() + Duration::minutes(5);
    store.claim_deliveries(issue, limit, t0(), lease_end, token).await.unwrap()
}

fn status_of(err: &StoreError) -> &'static str {
    match err {
        StoreError::NotFound(_) => "not found",
        StoreError::Conflict(_) => "conflict",
        StoreError::Suppressed => "suppressed",
        StoreError::InvalidTransition(_) => "invalid transition",
        StoreError::Invalid(_) => "invalid",
        StoreError::Config(_) => "config",
        StoreError::Database(_) => "database",
        StoreError::Unavailable(_) => "unavailable",
        StoreError::Corrupt { .. } => "corrupt",
    }
}

// ---------------------------------------------------------------------------------------------
// Issues and variants

pub async fn issue_status_changes_are_compare_and_set(store: SharedStore) {
    let id = add_issue(&store, Segment::everyone()).await;
    let issue = store.issue(id).await.unwrap();
    assert_eq!(issue.status, IssueStatus::Draft);
    let later = t0() + Duration::hours(1);
    let sending = store
        .transition_issue(id, IssueStatus::Draft, IssueStatus::Sending, None, later)
        .await
        .unwrap();
    assert_eq!(sending.status, IssueStatus::Sending);
    assert_eq!(sending.updated_at, later);
    // A second "send" racing the first finds the issue no longer a draft.
    let err = store
        .transition_issue(id, IssueStatus::Draft, IssueStatus::Sending, None, later)
        .await
        .unwrap_err();
    assert_eq!(status_of(&err), "conflict", "{err}");
    assert_eq!(store.issue(id).await.unwrap().status, IssueStatus::Sending);
}

pub async fn issues_page_newest_first(store: SharedStore) {
    let mut ids = Vec::new();
    for _ in 0..5 {
        ids.push(add_issue(&store, Segment::everyone()).await);
    }
    let first = store.list_issues(None, 3).await.unwrap();
    let second = store.list_issues(first.next, 3).await.unwrap();
    let got: Vec<IssueId> = first.items.iter().chain(&second.items).map(|i| i.id).collect();
    ids.reverse();
    assert_eq!(got, ids);
    assert_eq!(second.next, None);
}

fn variant_input(subject: &str, ready: bool) -> VariantInput {
    VariantInput {
        subject: subject.into(),
        preheader: "Kurz gesagt".into(),
        body_markdown: "# Hallo {{ name }}\n\nText.".into(),
        ready,
    }
}

pub async fn variants_are_upserted_per_language(store: SharedStore) {
    let id = add_issue(&store, Segment::everyone()).await;
    store.put_variant(id, Language::De, &variant_input("Neuigkeiten", false), t0()).await.unwrap();
    store.put_variant(id, Language::El, &variant_input("Νέα του μήνα", true), t0()).await.unwrap();
    let later = t0() + Duration::minutes(9);
    let input = variant_input("Neuigkeiten im November", true);
    let updated = store.put_variant(id, Language::De, &input, later).await.unwrap();
    assert_eq!(updated.subject, "Neuigkeiten im November");
    assert!(updated.ready);
    assert_eq!(updated.updated_at, later);
    let all = store.variants(id).await.unwrap();
    assert_eq!(
        all.iter().map(|v| v.language).collect::<Vec<_>>(),
        vec![Language::De, Language::El]
    );
    assert_eq!(store.variant(id, Language::El).await.unwrap().subject, "Νέα του μήνα");
    store.delete_variant(id, Language::El).await.unwrap();
    assert_eq!(status_of(&store.variant(id, Language::El).await.unwrap_err()), "not found");
    assert_eq!(status_of(&store.delete_variant(id, Language::El).await.unwrap_err()), "not found");
}

pub async fn variant_of_a_missing_issue_is_not_found(store: SharedStore) {
    let err = store
        .put_variant(IssueId(777), Language::De, &variant_input("x", true), t0())
        .await
        .unwrap_err();
    assert_eq!(status_of(&err), "not found", "{err}");
}

pub async fn only_draft_issues_can_be_deleted_or_sent_ones_edited(store: SharedStore) {
    let draft = add_issue(&store, Segment::everyone()).await;
    let update = IssueUpdate { title: Some("Dezember".into()), ..Default::default() };
    assert_eq!(store.update_issue(draft, &update, t0()).await.unwrap().title, "Dezember");
    store.delete_issue(draft).await.unwrap();
    assert_eq!(status_of(&store.issue(draft).await.unwrap_err()), "not found");
    let sent = add_issue(&store, Segment::everyone()).await;
    store
        .transition_issue(sent, IssueStatus::Draft, IssueStatus::Sending, None, t0())
        .await
        .unwrap();
    store
        .transition_issue(sent, IssueStatus::Sending, IssueStatus::Sent, None, t0())
        .await
        .unwrap();
    assert_eq!(status_of(&store.delete_issue(sent).await.unwrap_err()), "conflict");
    assert_eq!(status_of(&store.update_issue(sent, &update, t0()).await.unwrap_err()), "conflict");
    assert_eq!(store.issue(sent).await.unwrap().title, "November");
}

pub async fn scheduled_issues_become_due(store: SharedStore) {
    let soon = add_issue(&store, Segment::everyone()).await;
    let later = add_issue(&store, Segment::everyone()).await;
    let at = |h| Some(t0() + Duration::hours(h));
    store
        .transition_issue(soon, IssueStatus::Draft, IssueStatus::Scheduled, at(1), t0())
        .await
        .unwrap();
    store
        .transition_issue(later, IssueStatus::Draft, IssueStatus::Scheduled, at(5), t0())
        .await
        .unwrap();
    assert!(store.due_scheduled_issues(t0()).await.unwrap().is_empty());
    let due = store.due_scheduled_issues(t0() + Duration::hours(2)).await.unwrap();
    assert_eq!(due.iter().map(|i| i.id).collect::<Vec<_>>(), vec![soon]);
    assert_eq!(due[0].scheduled_at, at(1));
    let due = store.due_scheduled_issues(t0() + Duration::hours(5)).await.unwrap();
    assert_eq!(due.iter().map(|i| i.id).collect::<Vec<_>>(), vec![soon, later]);
}

// ---------------------------------------------------------------------------------------------
// Editors and API tokens

pub async fn users_are_unique_by_email(store: SharedStore) {
    let user = store
        .create_user(&email("Editor@Example.de"), "$argon2id$stub", Role::Editor, t0())
        .await
        .unwrap();
    assert_eq!(store.count_users().await.unwrap(), 1);
    let err = store
        .create_user(&email("editor@example.de"), "$argon2id$x", Role::Admin, t0())
        .await
        .unwrap_err();
    assert_eq!(status_of(&err), "conflict");
    let found = store.user_by_email(&email("EDITOR@example.de")).await.unwrap().unwrap();
    assert_eq!(found, user);
    assert_eq!(found.role, Role::Editor);
    assert_eq!(store.user(user.id).await.unwrap().password_hash, "$argon2id$stub");
}

pub async fn translators_keep_their_languages(store: SharedStore) {
    let admin = store
        .create_user(&email("admin@example.de"), "$argon2id$stub", Role::Admin, t0())
        .await
        .unwrap();
    assert!(admin.languages.is_empty());
    let languages = [Language::Pl, Language::Ro];
    let translator = store
        .create_user_with_languages(
            &email("tlumacz@example.pl"),
            "$argon2id$stub",
            Role::Translator,
            &languages,
            t0(),
        )
        .await
        .unwrap();
    assert_eq!(
        (translator.role, translator.languages.as_slice()),
        (Role::Translator, &languages[..])
    );
    assert_eq!(store.user(translator.id).await.unwrap(), translator);
    let found = store.user_by_email(&email("tlumacz@example.pl")).await.unwrap().unwrap();
    assert_eq!(found.languages, languages);
    // The database itself refuses a translator without languages and languages for another
    // role, whatever a caller forgot to check.
    for (address, role, langs) in [
        ("no-languages@example.de", Role::Translator, &[][..]),
        ("editor-with@example.de", Role::Editor, &[Language::De][..]),
    ] {
        let refused = store
            .create_user_with_languages(&email(address), "$argon2id$stub", role, langs, t0())
            .await;
        assert!(refused.is_err(), "{address}: {refused:?}");
    }
    let all = store.users().await.unwrap();
    assert_eq!(all, vec![admin, translator], "oldest first, with their languages");
}

pub async fn sessions_expire(store: SharedStore) {
    let user = store
        .create_user(&email("admin@example.de"), "$argon2id$stub", Role::Admin, t0())
        .await
        .unwrap();
    let session = Session {
        token_hash: "a".repeat(64),
        user_id: user.id,
        csrf_token: "csrf".into(),
        created_at: t0(),
        expires_at: t0() + Duration::hours(8),
    };
    store.create_session(&session).await.unwrap();
    let live = store.session(&session.token_hash, t0() + Duration::hours(1)).await.unwrap();
    assert_eq!(live, Some(session.clone()));
    assert!(store.session(&session.token_hash, t0() + Duration::hours(9)).await.unwrap().is_none());
    assert!(store.session(&"b".repeat(64), t0()).await.unwrap().is_none());
    store.delete_session(&session.token_hash).await.unwrap();
    assert!(store.session(&session.token_hash, t0()).await.unwrap().is_none());
}
