//! Contract tests of uploaded images (issue 23): stored once per content with their bytes,
//! listed newest first without them; part of [`crate::contract`], which runs them on both
//! backends.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use super::*;
use crate::NewMedia;

fn image(name: &str, data: &[u8], uploaded_by: Option<rundbrief_core::UserId>) -> NewMedia {
    NewMedia {
        name: name.to_owned(),
        mime: "image/png".to_owned(),
        width: 1200,
        height: 800,
        data: data.to_vec(),
        uploaded_by,
    }
}

pub async fn images_are_stored_once_per_name_with_their_bytes(store: SharedStore) {
    let editor = store
        .create_user(&email("editor@example.de"), "$argon2id$stub", Role::Editor, t0())
        .await
        .unwrap();
    // Bytes that are not UTF-8 and hold a NUL: stored and read back exactly.
    let bytes: Vec<u8> = (0..=255u8).cycle().take(70_000).collect();
    let first = store.store_media(&image("aa-1200x800.png", &bytes, Some(editor.id)), t0()).await;
    let first = first.unwrap();
    assert_eq!(first.name, "aa-1200x800.png");
    assert_eq!((first.width, first.height, first.bytes), (1200, 800, 70_000));
    assert_eq!(first.uploaded_by, Some(editor.id));
    assert_eq!(first.created_at, t0());

    // The same name again (the same content): the first row stays, uploader and time too.
    let later = t0() + Duration::hours(1);
    let again = store.store_media(&image("aa-1200x800.png", &bytes, None), later).await.unwrap();
    assert_eq!(again, first, "one row per name");

    let file = store.media_file("aa-1200x800.png").await.unwrap().expect("stored");
    assert_eq!(file.data, bytes);
    assert_eq!(file.info, first);
    assert_eq!(store.media_file("bb-1x1.png").await.unwrap(), None);

    let second = store.store_media(&image("bb-1x1.png", b"\x89PNG", None), later).await.unwrap();
    assert_eq!(second.uploaded_by, None);
    let listed = store.media_list(50).await.unwrap();
    let names: Vec<&str> = listed.iter().map(|m| m.name.as_str()).collect();
    assert_eq!(names, ["bb-1x1.png", "aa-1200x800.png"], "newest first");
    assert_eq!(store.media_list(1).await.unwrap().len(), 1, "the limit holds");
}
