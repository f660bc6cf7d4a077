//! Contract tests of the ids an editor's action on a filtered list reaches; part of
//! [`crate::contract`], which runs them on both backends.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use super::*;

pub async fn subscriber_ids_are_exactly_those_the_filter_lists(store: SharedStore) {
    let de_one = add_active(&store, "eins@example.de", Language::De).await;
    let pl = add_active(&store, "jeden@example.pl", Language::Pl).await;
    let de_two = add_active(&store, "zwei@example.de", Language::De).await;
    let new = pending("drei@example.de", Language::De);
    let pending_de = store.create_subscriber(&new, t0()).await.unwrap().id;
    let list = add_list(&store, "events").await;
    store.subscribe(de_two, list, t0()).await.unwrap();
    store.subscribe(pl, list, t0()).await.unwrap();

    let everyone = store.subscriber_ids(&SubscriberFilter::default()).await.unwrap();
    assert_eq!(everyone, vec![de_one, pl, de_two, pending_de]);
    let german = SubscriberFilter { language: Some(Language::De), ..Default::default() };
    assert_eq!(store.subscriber_ids(&german).await.unwrap(), vec![de_one, de_two, pending_de]);
    let german_active =
        SubscriberFilter { status: Some(SubscriberStatus::Active), ..german.clone() };
    assert_eq!(store.subscriber_ids(&german_active).await.unwrap(), vec![de_one, de_two]);
    let on_list = SubscriberFilter { list: Some(list), ..Default::default() };
    assert_eq!(store.subscriber_ids(&on_list).await.unwrap(), vec![pl, de_two]);
    let search = SubscriberFilter { search: Some("ZWEI@".into()), ..Default::default() };
    assert_eq!(store.subscriber_ids(&search).await.unwrap(), vec![de_two]);
    let nobody = SubscriberFilter { search: Some("nobody".into()), ..Default::default() };
    assert!(store.subscriber_ids(&nobody).await.unwrap().is_empty());

    // The same rows as the paged listing, however many pages it takes.
    let mut paged = Vec::new();
    let mut after = None;
    loop {
        let page = store.list_subscribers(&german, after, 1).await.unwrap();
        paged.extend(page.items.iter().map(|s| s.id));
        match page.next {
            Some(next) => after = Some(next),
            None => break,
        }
    }
    assert_eq!(paged, store.subscriber_ids(&german).await.unwrap());
}
