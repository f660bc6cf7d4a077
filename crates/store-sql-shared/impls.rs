// Everything the two backends share, compiled into each with `include!` inside a module that
// brings `Db`, `StoreImpl`, `BACKEND_NAME` and `CLAIM_SQL` into scope (see store_impl.rs).
// The files are read from this folder, so both backends list them in this one place.

include!("store_impl.rs");
include!("owed_mail_impl.rs");
include!("subscribers_impl.rs");
include!("issues_impl.rs");
include!("revisions_impl.rs");
include!("deliveries_impl.rs");
include!("users_impl.rs");
include!("claims_impl.rs");
include!("import_impl.rs");
include!("import_jobs_impl.rs");
include!("bounces_impl.rs");
include!("suppressions_impl.rs");

/// Invitations and password resets by mail, with the helpers above in scope.
mod account_links {
    use super::*;
    include!("account_links_impl.rs");
}

/// The sign-up outbox, with the helpers above in scope.
mod outbox {
    use super::*;
    include!("outbox_impl.rs");
}

/// Two-factor sign-in, with the helpers above in scope.
mod two_factor {
    use super::*;
    include!("two_factor_impl.rs");
}

/// Translator notices, with the helpers above in scope.
mod notices {
    use super::*;
    include!("notices_impl.rs");
}

/// The public archive, with the helpers above in scope.
mod archive {
    use super::*;
    include!("archive_impl.rs");
}

/// Spent proof-of-work solutions of the sign-up form, with the helpers above in scope.
mod pow {
    use super::*;
    include!("pow_impl.rs");
}

/// Uploaded images, with the helpers above in scope.
mod media {
    use super::*;
    include!("media_impl.rs");
}

/// The audit log, with the helpers above in scope.
mod audit {
    use super::*;
    include!("audit_impl.rs");
}

/// The welcome mail, with the helpers above in scope.
mod welcome {
    use super::*;
    include!("welcome_impl.rs");
}
