//! Contract tests of segments, snapshots and the delivery ledger (claims, marks, caps); part of [`crate::contract`], which runs them on both backends.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use super::*;

/// `count` active German readers, `{prefix}0@example.de` and on.
async fn add_german_readers(store: &SharedStore, prefix: &str, count: usize) {
    for i in 0..count {
        add_active(store, &format!("{prefix}{i}@example.de"), Language::De).await;
    }
}

pub async fn segments_hold_only_active_unsuppressed_subscribers(store: SharedStore) {
    add_active(&store, "p1@example.de", Language::De).await;
    add_active(&store, "p2@example.de", Language::Pl).await;
    add_active(&store, "p3@example.de", Language::Pl).await;
    store.create_subscriber(&pending("p4@example.de", Language::Pl), t0()).await.unwrap();
    let gone = add_active(&store, "p5@example.de", Language::De).await;
    store.set_subscriber_status(gone, SubscriberStatus::Unsubscribed, t0()).await.unwrap();
    // Suppressed while still active, e.g. a complaint that arrived before the status update.
    add_active(&store, "p6@example.de", Language::Pl).await;
    store.suppress(&email("p6@example.de"), SuppressionReason::Complaint, t0()).await.unwrap();
    let counts = store.segment_counts(&Segment::everyone()).await.unwrap();
    assert_eq!(counts, vec![(Language::De, 1), (Language::Pl, 2)]);
    let polish = Segment { languages: vec![Language::Pl], ..Segment::everyone() };
    assert_eq!(store.segment_counts(&polish).await.unwrap(), vec![(Language::Pl, 2)]);
}

pub async fn segments_match_any_or_all_lists(store: SharedStore) {
    let a = add_list(&store, "a").await;
    let b = add_list(&store, "b").await;
    let both = add_active(&store, "q1@example.de", Language::De).await;
    let only_a = add_active(&store, "q2@example.de", Language::De).await;
    add_active(&store, "q3@example.de", Language::De).await;
    for (s, l) in [(both, a), (both, b), (only_a, a)] {
        store.subscribe(s, l, t0()).await.unwrap();
    }
    let any = Segment { lists: vec![a, b], list_match: ListMatch::Any, ..Segment::everyone() };
    assert_eq!(store.segment_counts(&any).await.unwrap(), vec![(Language::De, 2)]);
    let all = Segment { lists: vec![a, b, b], list_match: ListMatch::All, ..Segment::everyone() };
    assert_eq!(store.segment_counts(&all).await.unwrap(), vec![(Language::De, 1)]);
    let issue = add_issue(&store, all.clone()).await;
    store.snapshot_deliveries(issue, &all, t0()).await.unwrap();
    assert!(store.delivery(issue, both).await.is_ok());
    assert_eq!(status_of(&store.delivery(issue, only_a).await.unwrap_err()), "not found");
}

pub async fn segments_filter_region_and_audience(store: SharedStore) {
    let mut a = active("r1@example.de", Language::Ro);
    a.region = Some("Oberhavel".into());
    a.audience = Some("organisation".into());
    store.create_subscriber(&a, t0()).await.unwrap();
    let mut b = active("r2@example.de", Language::Ro);
    b.region = Some("Oberhavel".into());
    store.create_subscriber(&b, t0()).await.unwrap();
    add_active(&store, "r3@example.de", Language::Ro).await;
    let region = Segment { regions: vec!["Oberhavel".into()], ..Segment::everyone() };
    assert_eq!(store.segment_counts(&region).await.unwrap(), vec![(Language::Ro, 2)]);
    let both = Segment { audiences: vec!["organisation".into()], ..region };
    assert_eq!(store.segment_counts(&both).await.unwrap(), vec![(Language::Ro, 1)]);
}

pub async fn snapshot_is_idempotent(store: SharedStore) {
    for i in 0..30 {
        add_active(&store, &format!("s{i}@example.de"), Language::ALL[i % 24]).await;
    }
    let issue = add_issue(&store, Segment::everyone()).await;
    let first = store.snapshot_deliveries(issue, &Segment::everyone(), t0()).await.unwrap();
    assert_eq!((first.inserted, first.total), (30, 30));
    let again = store.snapshot_deliveries(issue, &Segment::everyone(), t0()).await.unwrap();
    assert_eq!((again.inserted, again.total), (0, 30));
    let counts = store.delivery_counts(issue).await.unwrap();
    assert!(counts.iter().all(|c| c.status == DeliveryStatus::Pending));
    assert_eq!(counts.iter().map(|c| c.count).sum::<i64>(), 30);
    assert_eq!(counts.len(), 24, "one row per language");
}

/// The ledger's integrity without foreign keys (PostgreSQL, migration 0025): a snapshot of an
/// issue that does not exist is refused and writes nothing, and an issue with deliveries
/// cannot be deleted, even in the one state where deleting is allowed.
pub async fn the_ledger_only_holds_rows_of_issues_that_exist(store: SharedStore) {
    add_active(&store, "k1@example.de", Language::De).await;
    let missing = IssueId(i64::from(i32::MAX));
    let err = store.snapshot_deliveries(missing, &Segment::everyone(), t0()).await.unwrap_err();
    assert_eq!(status_of(&err), "not found", "{err}");
    assert!(store.delivery_counts(missing).await.unwrap().is_empty(), "nothing was written");
    // A draft with deliveries does not occur (only starting an issue writes them); the store
    // refuses to delete it all the same, rather than leave its ledger behind.
    let draft = add_issue(&store, Segment::everyone()).await;
    store.snapshot_deliveries(draft, &Segment::everyone(), t0()).await.unwrap();
    assert_eq!(status_of(&store.delete_issue(draft).await.unwrap_err()), "conflict");
    assert_eq!(store.issue(draft).await.unwrap().status, IssueStatus::Draft);
    let counts = store.delivery_counts(draft).await.unwrap();
    assert_eq!(counts.iter().map(|c| c.count).sum::<i64>(), 1);
}

/// A claim from an id takes only rows from there on, due ones and expired claims alike; a
/// claim from the start still takes what is below.
pub async fn a_claim_from_an_id_leaves_the_rows_below_it(store: SharedStore) {
    add_german_readers(&store, "f", 10).await;
    let issue = snapshotted_issue(&store).await;
    let first = claim_at_t0(&store, issue, 4, "contract/worker/0#1").await;
    assert_eq!(first.len(), 4);
    // Rows 0 and 1 of that claim go back (one handed back, one a retry that is due), row 2
    // stays claimed until its lease runs out.
    store.release_delivery(first[0].id, "contract/worker/0#1").await.unwrap();
    store.mark_retry(first[1].id, "421 try later", t0()).await.unwrap();
    let from = DeliveryId(first[3].id.0 + 1);
    let lease_end = t0() + Duration::minutes(10);
    let later = store
        .claim_deliveries_from(issue, from, 10, t0(), lease_end, "contract/worker/0#2")
        .await
        .unwrap();
    assert_eq!(later.len(), 6, "the six rows after the first claim");
    assert!(later.iter().all(|d| d.id >= from), "{later:?}");
    // After the lease of the first claim: from the start, the rows below come back, the one
    // still leased by then included.
    let after = t0() + Duration::minutes(6);
    let below = store
        .claim_deliveries_from(
            issue,
            DeliveryId(0),
            10,
            after,
            after + Duration::minutes(5),
            "contract/worker/0#3",
        )
        .await
        .unwrap();
    let mut ids: Vec<DeliveryId> = below.iter().map(|d| d.id).collect();
    ids.sort();
    assert_eq!(ids, vec![first[0].id, first[1].id, first[2].id, first[3].id]);
}

pub async fn deliveries_are_unique_per_issue_and_subscriber(store: SharedStore) {
    let first = add_active(&store, "t1@example.de", Language::De).await;
    let issue = add_issue(&store, Segment::everyone()).await;
    let other_issue = add_issue(&store, Segment::everyone()).await;
    store.snapshot_deliveries(issue, &Segment::everyone(), t0()).await.unwrap();
    let claimed = claim_at_t0(&store, issue, 10, "contract/worker/0#1").await;
    store.mark_sent(&[sent(claimed[0].id, "<m1@example>", t0())]).await.unwrap();
    // A subscriber who joins later is added; the one already mailed is not reset.
    let second = add_active(&store, "t2@example.de", Language::De).await;
    let snap = store.snapshot_deliveries(issue, &Segment::everyone(), t0()).await.unwrap();
    assert_eq!((snap.inserted, snap.total), (1, 2));
    assert_eq!(store.delivery(issue, first).await.unwrap().status, DeliveryStatus::Sent);
    assert_eq!(store.delivery(issue, second).await.unwrap().status, DeliveryStatus::Pending);
    let snap = store.snapshot_deliveries(other_issue, &Segment::everyone(), t0()).await.unwrap();
    assert_eq!(snap.inserted, 2, "another issue has its own ledger");
}

pub async fn concurrent_claimers_never_get_the_same_row(store: SharedStore) {
    const RECIPIENTS: usize = 300;
    add_german_readers(&store, "u", RECIPIENTS).await;
    let issue = snapshotted_issue(&store).await;
    let claimer = |store: SharedStore| async move {
        let mut mine = Vec::new();
        loop {
            let batch = store
                .claim_deliveries(
                    issue,
                    7,
                    t0(),
                    t0() + Duration::minutes(10),
                    "contract/worker/0#2",
                )
                .await
                .unwrap();
            if batch.is_empty() {
                return mine;
            }
            assert!(batch.iter().all(|d| d.status == DeliveryStatus::Sending && d.attempts == 1));
            mine.extend(batch.into_iter().map(|d| d.id));
            tokio::task::yield_now().await;
        }
    };
    let tasks: Vec<_> = (0..4).map(|_| tokio::spawn(claimer(store.clone()))).collect();
    let mut all = Vec::new();
    let mut claimers_that_got_rows = 0;
    for task in tasks {
        let mine = task.await.unwrap();
        claimers_that_got_rows += usize::from(!mine.is_empty());
        all.extend(mine);
    }
    let unique: HashSet<_> = all.iter().collect();
    assert_eq!(unique.len(), all.len(), "a delivery was handed to two claimers");
    assert_eq!(all.len(), RECIPIENTS);
    assert!(claimers_that_got_rows >= 1);
}

pub async fn expired_leases_are_reclaimed_and_live_ones_are_not(store: SharedStore) {
    add_active(&store, "v1@example.de", Language::De).await;
    let issue = snapshotted_issue(&store).await;
    let lease_end = t0() + Duration::minutes(5);
    let first =
        store.claim_deliveries(issue, 10, t0(), lease_end, "contract/worker/0#3").await.unwrap();
    assert_eq!(first.len(), 1);
    assert_eq!(first[0].lease_until, Some(lease_end));
    let during = store
        .claim_deliveries(issue, 10, t0() + Duration::minutes(4), lease_end, "contract/worker/0#4")
        .await;
    assert!(during.unwrap().is_empty(), "a live lease must not be taken over");
    // The worker died: after the lease runs out, another worker takes the delivery over.
    let after = t0() + Duration::minutes(6);
    let second = store
        .claim_deliveries(issue, 10, after, after + Duration::minutes(5), "contract/worker/0#5")
        .await;
    let second = second.unwrap();
    assert_eq!(second.iter().map(|d| d.id).collect::<Vec<_>>(), vec![first[0].id]);
    assert_eq!(second[0].attempts, 2);
}

pub async fn open_deliveries_are_those_pending_or_sending(store: SharedStore) {
    add_active(&store, "o1@example.de", Language::De).await;
    add_active(&store, "o2@example.de", Language::Pl).await;
    let issue = add_issue(&store, Segment::everyone()).await;
    let other = add_issue(&store, Segment::everyone()).await;
    assert!(!store.has_open_deliveries(issue).await.unwrap(), "no ledger yet");
    store.snapshot_deliveries(issue, &Segment::everyone(), t0()).await.unwrap();
    store.snapshot_deliveries(other, &Segment::everyone(), t0()).await.unwrap();
    assert!(store.has_open_deliveries(issue).await.unwrap(), "pending");
    let claimed = claim_at_t0(&store, issue, 10, "contract/worker/0#6").await;
    assert_eq!(claimed.len(), 2);
    store.mark_sent(&[sent(claimed[0].id, "<o1@example>", t0())]).await.unwrap();
    assert!(store.has_open_deliveries(issue).await.unwrap(), "one is still sending");
    store.mark_failed(claimed[1].id, "550 5.1.1 no such user", true).await.unwrap();
    assert!(!store.has_open_deliveries(issue).await.unwrap(), "sent and bounced are final");
    assert!(store.has_open_deliveries(other).await.unwrap(), "each issue has its own ledger");
}

pub async fn retries_wait_until_due(store: SharedStore) {
    add_active(&store, "w1@example.de", Language::De).await;
    let issue = snapshotted_issue(&store).await;
    let id = claim_at_t0(&store, issue, 1, "contract/worker/0#7").await[0].id;
    let retry_at = t0() + Duration::minutes(2);
    store.mark_retry(id, "451 4.7.1 try again later", retry_at).await.unwrap();
    let early = store
        .claim_deliveries(issue, 1, t0() + Duration::minutes(1), retry_at, "contract/worker/0#8")
        .await;
    assert!(early.unwrap().is_empty());
    let due = store
        .claim_deliveries(
            issue,
            1,
            retry_at,
            retry_at + Duration::minutes(5),
            "contract/worker/0#9",
        )
        .await;
    let due = due.unwrap();
    assert_eq!(due.len(), 1);
    assert_eq!(due[0].last_error.as_deref(), Some("451 4.7.1 try again later"));
    assert_eq!(due[0].attempts, 2);
}

pub async fn delivery_outcomes_are_counted_per_language(store: SharedStore) {
    let de = add_active(&store, "x1@example.de", Language::De).await;
    let pl = add_active(&store, "x2@example.de", Language::Pl).await;
    add_active(&store, "x3@example.de", Language::Pl).await;
    let issue = snapshotted_issue(&store).await;
    let claimed = claim_at_t0(&store, issue, 10, "contract/worker/0#10").await;
    let id_of = |s: SubscriberId| claimed.iter().find(|d| d.subscriber_id == s).unwrap().id;
    store.mark_sent(&[sent(id_of(de), "<a@example>", t0())]).await.unwrap();
    store.mark_failed(id_of(pl), "550 5.1.1 no such user", true).await.unwrap();
    let counts = store.delivery_counts(issue).await.unwrap();
    let count = |language, status| {
        counts
            .iter()
            .find(|c| c.language == language && c.status == status)
            .map(|c| c.count)
            .unwrap_or(0)
    };
    assert_eq!(count(Language::De, DeliveryStatus::Sent), 1);
    assert_eq!(count(Language::Pl, DeliveryStatus::Bounced), 1);
    assert_eq!(count(Language::Pl, DeliveryStatus::Sending), 1);
    let sent = store.delivery(issue, de).await.unwrap();
    assert_eq!(sent.message_id.as_deref(), Some("<a@example>"));
    assert_eq!(sent.language, Some(Language::De));
    assert_eq!(sent.sent_at, Some(t0()));
    assert_eq!(sent.lease_until, None);
    // A sent delivery is final: a late failure report must not overwrite it.
    let err = store.mark_failed(id_of(de), "late", false).await.unwrap_err();
    assert_eq!(status_of(&err), "not found");
    assert_eq!(store.delivery(issue, de).await.unwrap().status, DeliveryStatus::Sent);
}

pub async fn starting_to_send_snapshots_the_audience_in_the_same_step(store: SharedStore) {
    add_active(&store, "y1@example.de", Language::De).await;
    add_active(&store, "y2@example.de", Language::Pl).await;
    let id = add_issue(&store, Segment::everyone()).await;
    let (issue, snapshot) = store.start_sending(id, IssueStatus::Draft, t0()).await.unwrap();
    assert_eq!(issue.status, IssueStatus::Sending);
    assert_eq!((snapshot.inserted, snapshot.total), (2, 2));
    assert_eq!(store.issues_in_status(IssueStatus::Sending).await.unwrap()[0].id, id);
    // A second start loses the race and leaves the ledger as it was.
    let err = store.start_sending(id, IssueStatus::Draft, t0()).await.unwrap_err();
    assert_eq!(status_of(&err), "conflict", "{err}");
    let counts = store.delivery_counts(id).await.unwrap();
    assert_eq!(counts.iter().map(|c| c.count).sum::<i64>(), 2);
    // A failed start (missing issue) writes nothing.
    let err = store.start_sending(IssueId(9_999), IssueStatus::Draft, t0()).await.unwrap_err();
    assert_eq!(status_of(&err), "not found", "{err}");
}

pub async fn pausing_records_a_reason_that_the_next_change_clears(store: SharedStore) {
    let id = add_issue(&store, Segment::everyone()).await;
    let err = store.pause_issue(id, "SMTP down", t0()).await.unwrap_err();
    assert_eq!(status_of(&err), "conflict", "only a sending issue pauses itself");
    store.start_sending(id, IssueStatus::Draft, t0()).await.unwrap();
    let paused = store.pause_issue(id, "25 failures in a row: 421 busy", t0()).await.unwrap();
    assert_eq!(paused.status, IssueStatus::Paused);
    assert_eq!(paused.status_reason.as_deref(), Some("25 failures in a row: 421 busy"));
    assert_eq!(store.issue(id).await.unwrap().status_reason, paused.status_reason);
    assert!(store.issues_in_status(IssueStatus::Sending).await.unwrap().is_empty());
    let resumed = store
        .transition_issue(id, IssueStatus::Paused, IssueStatus::Sending, None, t0())
        .await
        .unwrap();
    assert_eq!(resumed.status_reason, None);
}

pub async fn recipients_are_read_per_batch_with_their_suppression(store: SharedStore) {
    let kept = add_active(&store, "z1@example.de", Language::Pl).await;
    let suppressed = add_active(&store, "z2@example.de", Language::De).await;
    let erased = add_active(&store, "z3@example.de", Language::De).await;
    let address = EmailAddress::parse("z2@example.de").unwrap();
    store.suppress(&address, SuppressionReason::HardBounce, t0()).await.unwrap();
    store.erase_subscriber(erased, t0()).await.unwrap();
    let mut found =
        store.recipients(&[kept, suppressed, erased, SubscriberId(9_999)]).await.unwrap();
    found.sort_by_key(|r| r.id);
    assert_eq!(found.len(), 3, "unknown ids are left out");
    assert_eq!(found[0].email.as_ref().unwrap().as_str(), "z1@example.de");
    assert_eq!((found[0].language, found[0].suppressed), (Language::Pl, false));
    assert!(found[1].suppressed);
    assert_eq!((found[2].email.as_ref(), found[2].status), (None, SubscriberStatus::Erased));
    assert!(store.recipients(&[]).await.unwrap().is_empty());
}

pub async fn released_deliveries_are_due_again_without_losing_an_attempt(store: SharedStore) {
    add_active(&store, "r1@example.de", Language::De).await;
    let issue = snapshotted_issue(&store).await;
    let lease_end = t0() + Duration::minutes(10);
    let claimed = store.claim_deliveries(issue, 10, t0(), lease_end, "r/worker/0#1").await.unwrap();
    store.release_delivery(claimed[0].id, "r/worker/0#1").await.unwrap();
    // Due at once, long before the lease would have run out, with the same attempt count.
    let again = store.claim_deliveries(issue, 10, t0(), lease_end, "r/worker/0#2").await.unwrap();
    assert_eq!(again.len(), 1);
    assert_eq!(again[0].attempts, 1);
    // Someone else's claim (another token, even with the same lease) is not released.
    store.release_delivery(again[0].id, "r/worker/0#1").await.unwrap();
    store.release_delivery(again[0].id, "r/worker/1#2").await.unwrap();
    assert!(store.claim_deliveries(issue, 10, t0(), lease_end, "x#1").await.unwrap().is_empty());
    // A renewed claim is still released by its token.
    let later = lease_end + Duration::minutes(5);
    assert_eq!(store.renew_claims(issue, "r/worker/0#2", later).await.unwrap(), 1);
    store.release_delivery(again[0].id, "r/worker/0#2").await.unwrap();
    let third = store.claim_deliveries(issue, 10, t0(), lease_end, "r/worker/0#3").await.unwrap();
    assert_eq!((third.len(), third[0].attempts), (1, 1));
    // A delivery that reached a final status is not handed back.
    store.mark_sent(&[sent(third[0].id, "<r1@example>", t0())]).await.unwrap();
    store.release_delivery(third[0].id, "r/worker/0#3").await.unwrap();
    let sent = store.delivery(issue, claimed[0].subscriber_id).await.unwrap();
    assert_eq!(sent.status, DeliveryStatus::Sent);
}

pub async fn heartbeats_renew_only_their_own_live_claims(store: SharedStore) {
    add_german_readers(&store, "h", 4).await;
    let issue = snapshotted_issue(&store).await;
    let other = snapshotted_issue(&store).await;
    let lease_end = t0() + Duration::seconds(30);
    let mine = store.claim_deliveries(issue, 2, t0(), lease_end, "h/worker/0#1").await.unwrap();
    let theirs = store.claim_deliveries(issue, 2, t0(), lease_end, "h/worker/1#1").await.unwrap();
    let elsewhere = store.claim_deliveries(other, 4, t0(), lease_end, "h/worker/0#1").await;
    assert_eq!((mine.len(), theirs.len(), elsewhere.unwrap().len()), (2, 2, 4));
    store.mark_sent(&[sent(mine[0].id, "<h0@example>", t0())]).await.unwrap();

    // Only the row still `sending` under this token, of this issue, is renewed.
    let renewed_to = t0() + Duration::seconds(60);
    assert_eq!(store.renew_claims(issue, "h/worker/0#1", renewed_to).await.unwrap(), 1);
    assert_eq!(store.renew_claims(issue, "h/worker/0#9", renewed_to).await.unwrap(), 0);
    let renewed = store.delivery(issue, mine[1].subscriber_id).await.unwrap();
    assert_eq!((renewed.status, renewed.lease_until), (DeliveryStatus::Sending, Some(renewed_to)));
    let sent_row = store.delivery(issue, mine[0].subscriber_id).await.unwrap();
    assert_eq!((sent_row.status, sent_row.lease_until), (DeliveryStatus::Sent, None));
    let untouched = store.delivery(issue, theirs[0].subscriber_id).await.unwrap();
    assert_eq!(untouched.lease_until, Some(lease_end));

    // After the old lease, the other worker's rows are taken over; the renewed one is not.
    let after = lease_end + Duration::seconds(1);
    let taken =
        store.claim_deliveries(issue, 10, after, after + Duration::seconds(30), "h/worker/2#1");
    let mut taken: Vec<_> = taken.await.unwrap().into_iter().map(|d| d.id).collect();
    taken.sort();
    let mut expected: Vec<_> = theirs.iter().map(|d| d.id).collect();
    expected.sort();
    assert_eq!(taken, expected);
    // A claim taken over cannot be renewed by its former holder.
    assert_eq!(store.renew_claims(issue, "h/worker/1#1", renewed_to).await.unwrap(), 0);
}

pub async fn a_restarted_worker_releases_what_its_earlier_incarnation_held(store: SharedStore) {
    add_german_readers(&store, "k", 4).await;
    let issue = snapshotted_issue(&store).await;
    let other = snapshotted_issue(&store).await;
    let lease_end = t0() + Duration::seconds(30);
    let claim = |issue, limit, token: &'static str| {
        let store = store.clone();
        async move { store.claim_deliveries(issue, limit, t0(), lease_end, token).await.unwrap() }
    };
    let dead = claim(issue, 2, "host/worker/1#7.1").await;
    let dead_elsewhere = claim(other, 1, "host/worker/1#7.2").await;
    let similar = claim(issue, 1, "host/worker/10#3.1").await;
    let alive = claim(issue, 1, "host/serve/1#4.1").await;
    store.mark_sent(&[sent(dead[0].id, "<k0@example>", t0())]).await.unwrap();

    // Every row still `sending` under the identity, in every issue; nothing of the others.
    assert_eq!(store.release_claims_of("host/worker/1").await.unwrap(), 2);
    assert_eq!(store.release_claims_of("host/worker/1").await.unwrap(), 0, "idempotent");
    let released = store.delivery(issue, dead[1].subscriber_id).await.unwrap();
    assert_eq!((released.status, released.lease_until), (DeliveryStatus::Pending, None));
    assert_eq!(released.attempts, 1, "the attempt may have gone out; it stays counted");
    let released = store.delivery(other, dead_elsewhere[0].subscriber_id).await.unwrap();
    assert_eq!(released.status, DeliveryStatus::Pending);
    for kept in [&similar[0], &alive[0]] {
        let row = store.delivery(issue, kept.subscriber_id).await.unwrap();
        assert_eq!(row.status, DeliveryStatus::Sending);
    }
    let sent_row = store.delivery(issue, dead[0].subscriber_id).await.unwrap();
    assert_eq!(sent_row.status, DeliveryStatus::Sent);
    // Due at once, long before the lease would have run out.
    let again = store.claim_deliveries(issue, 10, t0(), lease_end, "host/worker/1#8.1").await;
    let again = again.unwrap();
    assert_eq!(again.iter().map(|d| d.id).collect::<Vec<_>>(), vec![dead[1].id]);
    assert_eq!(again[0].attempts, 2);
    // Identities that could release someone else's claims are refused.
    for bad in ["", "host/worker/1#7"] {
        let err = store.release_claims_of(bad).await.unwrap_err();
        assert_eq!(status_of(&err), "invalid", "{bad}");
    }
}

pub async fn caps_count_what_was_sent_recently(store: SharedStore) {
    add_german_readers(&store, "c", 3).await;
    let issue = snapshotted_issue(&store).await;
    let claimed = claim_at_t0(&store, issue, 10, "contract/worker/0#14").await;
    let hour_ago = t0() - Duration::hours(1);
    // One call marks several, each with its own time and Message-ID; an id that does not
    // exist is left out without failing the others.
    let marks = [
        sent(claimed[0].id, "<c0@example>", hour_ago),
        sent(DeliveryId(i64::MAX), "<nobody@example>", t0()),
        sent(claimed[1].id, "<c1@example>", t0()),
    ];
    assert_eq!(store.mark_sent(&marks).await.unwrap(), 2);
    let first = store.delivery(issue, claimed[0].subscriber_id).await.unwrap();
    assert_eq!(first.status, DeliveryStatus::Sent);
    assert_eq!(first.message_id.as_deref(), Some("<c0@example>"));
    assert_eq!(first.sent_at, Some(hour_ago));
    assert_eq!(first.lease_until, None);
    let third = store.delivery(issue, claimed[2].subscriber_id).await.unwrap();
    assert_eq!(third.status, DeliveryStatus::Sending, "not in the call, not marked");
    // The claimed and unmarked one is in flight until its lease runs out.
    let lease_until = third.lease_until.unwrap();
    assert_eq!(store.deliveries_in_flight(t0()).await.unwrap(), 1);
    assert_eq!(store.deliveries_in_flight(lease_until).await.unwrap(), 0);
    assert_eq!(store.mark_sent(&[]).await.unwrap(), 0);
    assert_eq!(store.sent_since(None, t0() - Duration::minutes(30)).await.unwrap(), 1);
    assert_eq!(store.sent_since(None, hour_ago).await.unwrap(), 2);
    assert_eq!(store.sent_since(None, t0() + Duration::seconds(1)).await.unwrap(), 0);
    assert_eq!(store.sent_since(Some(issue), hour_ago).await.unwrap(), 2);
    let other = add_issue(&store, Segment::everyone()).await;
    assert_eq!(store.sent_since(Some(other), hour_ago).await.unwrap(), 0);
}
