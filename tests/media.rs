//! Images in issues (issue 23) against the real binary, on SQLite and PostgreSQL: a JPEG with
//! EXIF GPS data and an orientation uploaded as the composer's script sends it comes back from
//! `/media/…` upright, scaled to the mail width and without any EXIF; an SVG, a file that is
//! no image and a file over `RUNDBRIEF_MEDIA_MAX_BYTES` are refused with a message; the image
//! shows with its absolute URL, size and alt text in the mail the loopback SMTP server receives
//! and on the archive's page; an image without alt text is warned about in the composer and on
//! the send confirmation.
#![allow(clippy::unwrap_used)]

use std::io::Cursor;
use std::time::{Duration, Instant};

use image::{DynamicImage, ImageFormat, RgbImage};
use rundbrief_testkit::admin::{Editor, csrf_of};
use rundbrief_testkit::{Backend, Response, TestApp, TestDb};
use serde_json::{Value, json};

const BIN: &str = env!("CARGO_BIN_EXE_rundbrief");
const BASE: &str = "https://news.example.org";
/// One MiB, so a file just over it is quick to send.
const LIMIT: usize = 1024 * 1024;
/// The latitude the EXIF block carries, as its three rationals would be found in the bytes.
const LATITUDE: [u32; 6] = [54, 1, 19, 1, 4321, 100];

/// An EXIF APP1 segment (big-endian TIFF) with orientation 6 (turn 90° clockwise to show) and
/// a GPS IFD with latitude reference and latitude, as a phone writes them.
fn exif_segment() -> Vec<u8> {
    let mut tiff = Vec::new();
    tiff.extend_from_slice(b"MM\0\x2A\0\0\0\x08");
    // IFD0 at 8: Orientation (SHORT) and the GPS IFD pointer (LONG, to offset 38).
    tiff.extend_from_slice(&2u16.to_be_bytes());
    tiff.extend_from_slice(&[0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, 6, 0, 0]);
    tiff.extend_from_slice(&[0x88, 0x25, 0, 4, 0, 0, 0, 1, 0, 0, 0, 38]);
    tiff.extend_from_slice(&0u32.to_be_bytes());
    // GPS IFD at 38: GPSLatitudeRef "N" and GPSLatitude (3 RATIONAL at offset 68).
    tiff.extend_from_slice(&2u16.to_be_bytes());
    tiff.extend_from_slice(&[0, 1, 0, 2, 0, 0, 0, 2, b'N', 0, 0, 0]);
    tiff.extend_from_slice(&[0, 2, 0, 5, 0, 0, 0, 3, 0, 0, 0, 68]);
    tiff.extend_from_slice(&0u32.to_be_bytes());
    assert_eq!(tiff.len(), 68);
    for n in LATITUDE {
        tiff.extend_from_slice(&n.to_be_bytes());
    }
    let mut payload = b"Exif\0\0".to_vec();
    payload.extend_from_slice(&tiff);
    let mut segment = vec![0xFF, 0xE1];
    segment.extend_from_slice(&u16::try_from(payload.len() + 2).unwrap().to_be_bytes());
    segment.extend_from_slice(&payload);
    segment
}

fn latitude_bytes() -> Vec<u8> {
    LATITUDE.iter().flat_map(|n| n.to_be_bytes()).collect()
}

/// A 2400 × 1200 JPEG (left half red, right half blue) with the EXIF segment after SOI.
fn photo_with_gps() -> Vec<u8> {
    let pixels = RgbImage::from_fn(2400, 1200, |x, _| {
        if x < 1200 { image::Rgb([220, 20, 20]) } else { image::Rgb([20, 20, 220]) }
    });
    let mut jpeg = Vec::new();
    DynamicImage::ImageRgb8(pixels)
        .write_to(&mut Cursor::new(&mut jpeg), ImageFormat::Jpeg)
        .unwrap();
    let mut with_exif = jpeg[..2].to_vec();
    with_exif.extend_from_slice(&exif_segment());
    with_exif.extend_from_slice(&jpeg[2..]);
    with_exif
}

/// The upload as `media.js` sends it: the file as the body, the token in a header.
fn upload(editor: &Editor<'_>, app: &TestApp, token: &str, alt: &str, body: &[u8]) -> Response {
    let cookie = editor.session.jar.header();
    let path = format!("/admin/media?alt={alt}");
    let headers = [
        ("Cookie", cookie.as_str()),
        ("X-CSRF-Token", token),
        ("Content-Type", "application/octet-stream"),
    ];
    app.request("POST", &path, &headers, body)
}

fn refused(response: &Response, status: u16, needle: &str) {
    assert_eq!(response.status, status, "{}", response.text());
    let message = response.json()["error"].as_str().unwrap().to_owned();
    assert!(message.contains(needle), "{needle}: {message}");
}

fn api(app: &TestApp, token: &str, method: &str, path: &str, body: Value, status: u16) -> Value {
    let response = app.api(token, method, path, Some(&body));
    assert_eq!(response.status, status, "{method} {path}: {}", response.text());
    response.json()
}

fn an_uploaded_photo_loses_its_gps_and_shows_in_the_mail_and_the_archive(backend: Backend) {
    let Some(db) = TestDb::new(backend) else { return };
    let limit = LIMIT.to_string();
    let (app, smtp) =
        TestApp::spawn_with_smtp(BIN, &db, &[("RUNDBRIEF_MEDIA_MAX_BYTES", limit.as_str())]);
    let mut editor = Editor::sign_in(&app, "editor@example.org");
    let page = editor.page("/admin/media?lang=en");
    assert!(page.contains("id=\"media-form\""), "{page}");
    assert!(page.contains("/admin/static/media.js"), "{page}");
    assert!(page.contains("At most 1 MB"), "{page}");
    assert_eq!(editor.get("/admin/static/media.js").status, 200);
    let token = csrf_of(&page);

    // The photo: EXIF with GPS in, none out; turned upright, then scaled to 1104 wide.
    let photo = photo_with_gps();
    assert!(photo.len() < LIMIT, "{}", photo.len());
    assert!(photo.windows(6).any(|w| w == b"Exif\0\0"));
    let response = upload(&editor, &app, &token, "Der%20Hafen", &photo);
    assert_eq!(response.status, 201, "{}", response.text());
    let stored = response.json();
    let name = stored["name"].as_str().unwrap().to_owned();
    assert!(name.ends_with("-1104x2208.jpg"), "upright (1200 × 2400), then scaled: {name}");
    assert_eq!((stored["width"].as_u64(), stored["height"].as_u64()), (Some(1104), Some(2208)));
    assert_eq!(stored["markdown"], format!("![Der Hafen](/media/{name})"));
    let image = app.get(&format!("/media/{name}"), &[]);
    assert_eq!(image.status, 200);
    assert_eq!(image.header("content-type"), Some("image/jpeg"));
    assert_eq!(image.header("cache-control"), Some("public, max-age=31536000, immutable"));
    assert_eq!(image.header("x-content-type-options"), Some("nosniff"));
    let etag = image.header("etag").unwrap().to_owned();
    assert_eq!(etag, format!("\"{name}\""));
    let bytes = image.body.clone();
    assert!(bytes.starts_with(&[0xFF, 0xD8]), "a JPEG");
    assert!(!bytes.windows(4).any(|w| w == b"Exif"), "no EXIF left");
    assert!(!bytes.windows(2).any(|w| w == [0xFF, 0xE1]), "no APP1 segment left");
    assert!(!bytes.windows(24).any(|w| w == latitude_bytes().as_slice()), "no GPS data left");
    let decoded = image::load_from_memory_with_format(&bytes, ImageFormat::Jpeg).unwrap();
    assert_eq!((decoded.width(), decoded.height()), (1104, 2208));
    // Upright: the red half (left before turning clockwise) is now on top.
    let top = decoded.to_rgb8().get_pixel(552, 200).0;
    let bottom = decoded.to_rgb8().get_pixel(552, 2000).0;
    assert!(top[0] > 150 && top[2] < 100, "red on top: {top:?}");
    assert!(bottom[2] > 150 && bottom[0] < 100, "blue below: {bottom:?}");
    let again = app.get(&format!("/media/{name}"), &[("If-None-Match", &etag)]);
    assert_eq!(again.status, 304);
    for unknown in ["/media/nothing.jpg", "/media/0123456789abcdef0123456789abcdef-1x1.png"] {
        assert_eq!(app.get(unknown, &[]).status, 404, "{unknown}");
    }

    // Refusals, each with its reason, and nothing stored.
    let svg =
        b"<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>";
    refused(&upload(&editor, &app, &token, "x", svg), 415, "SVG");
    refused(&upload(&editor, &app, &token, "x", b"%PDF-1.7 not an image"), 415, "JPEG, PNG");
    let mut huge = vec![0xFF, 0xD8, 0xFF, 0xE0];
    huge.resize(LIMIT + 1, 0);
    refused(&upload(&editor, &app, &token, "x", &huge), 413, "1 MB");
    assert_eq!(upload(&editor, &app, "forged", "x", &photo).status, 403, "CSRF checked");
    let list = editor.page("/admin/media");
    assert!(list.contains(&format!("src=\"/media/{name}\"")), "{list}");
    assert!(list.contains(&format!("value=\"![](/media/{name})\"")), "{list}");
    assert_eq!(list.matches("value=\"![](/media/").count(), 1, "refused files are not stored");
    let uploaded = editor.page(&format!("/admin/media?uploaded={name}&alt=Der%20Hafen"));
    assert!(uploaded.contains(&format!("value=\"![Der Hafen](/media/{name})\"")), "{uploaded}");

    // An issue with the image, sent to a reader through the loopback SMTP server.
    let api_token = app.api_token("tests");
    api(
        &app,
        &api_token,
        "POST",
        "/api/v1/subscribers",
        json!({"email": "leser@example.de", "language": "de", "consent": "obtained_elsewhere"}),
        201,
    );
    let issue = |title: &str, markdown: String| {
        let body = json!({"title": title, "base_language": "de"});
        let id = api(&app, &api_token, "POST", "/api/v1/issues", body, 201)["id"].as_i64().unwrap();
        let variant = json!({"subject": title, "preheader": "", "ready": true,
                             "body_markdown": markdown});
        api(&app, &api_token, "PUT", &format!("/api/v1/issues/{id}/variants/de"), variant, 201);
        id
    };
    let sent = issue("Bilder", format!("# Hafen\n\n![Der Hafen](/media/{name})\n\nText."));
    let unlabelled = issue("Ohne", format!("![](/media/{name})"));
    for (id, warned) in [(sent, false), (unlabelled, true)] {
        let composer = editor.page(&format!("/admin/issues/{id}?lang=en"));
        assert!(composer.contains("href=\"/admin/media\""), "linked from the composer");
        assert_eq!(composer.contains("id=\"preview-alt-warning\""), warned, "{composer}");
        let confirm = editor.page(&format!("/admin/issues/{id}/send?lang=en"));
        assert_eq!(confirm.contains("id=\"send-alt-warning\""), warned, "{confirm}");
        if warned {
            assert!(confirm.contains("1 image in the text has no alt text"), "{confirm}");
        }
    }
    let response = app.api(&api_token, "POST", &format!("/api/v1/issues/{sent}/send"), None);
    assert_eq!(response.status, 202, "{}", response.text());
    let mail = smtp.wait_for("leser@example.de", Duration::from_secs(60));
    let html = mail.html();
    let src = format!("src=\"{BASE}/media/{name}\"");
    assert!(html.contains(&src), "{html}");
    assert!(html.contains("alt=\"Der Hafen\""), "{html}");
    assert!(html.contains("width=\"552\" height=\"1104\""), "{html}");
    let served = app.get(&format!("/media/{name}"), &[]);
    assert_eq!((served.status, served.body.clone()), (200, bytes), "the mail's URL serves it");

    // The archive shows the same image (issues are public by default).
    let deadline = Instant::now() + Duration::from_secs(30);
    let page = loop {
        let response = app.get(&format!("/archive/{sent}-bilder"), &[]);
        if response.status == 200 {
            break response.text();
        }
        assert!(Instant::now() < deadline, "{}: {}", response.status, response.text());
        std::thread::sleep(Duration::from_millis(100));
    };
    assert!(page.contains(&src) && page.contains("alt=\"Der Hafen\""), "{page}");
}

#[test]
fn an_uploaded_photo_loses_its_gps_and_shows_in_the_mail_and_the_archive_on_sqlite() {
    an_uploaded_photo_loses_its_gps_and_shows_in_the_mail_and_the_archive(Backend::Sqlite);
}

#[test]
fn an_uploaded_photo_loses_its_gps_and_shows_in_the_mail_and_the_archive_on_postgres() {
    an_uploaded_photo_loses_its_gps_and_shows_in_the_mail_and_the_archive(Backend::Postgres);
}
