//! Background work of Rundbrief: sending an issue to its audience in batches.
//!
//! The work itself is plain `async fn`s over the store and a transport ([`deliver_batch`]),
//! which tests and the CLI call directly. The job queue (apalis, in the same database as
//! everything else) only carries ids and decides *when* a batch runs; *what* has been sent is
//! the delivery ledger's business. `DESIGN-NOTES.md` beside this crate explains the split and
//! the apalis APIs it relies on.
//!
//! - [`deliver`]: one batch: claim leased deliveries, render, send, mark each at once.
//! - [`claims`]: the claims of this process's batches and the heartbeat renewing their leases.
//! - [`identity`]: the worker identity a process holds (and a restarted one takes over).
//! - [`lanes`]: every worker sends every `sending` issue, in lanes of batches.
//! - `record`: marks accepted deliveries `sent`, concurrent sends sharing one commit.
//! - `ledger`: sending caps, what is left of an issue, handing back a failed batch's claims.
//! - [`retry`]: exponential backoff with jitter for transient failures.
//! - [`transport`]: `rundbrief_mail::Transport` as a trait object.
//! - [`confirm`]: the confirmation-mail job, and the sweep that queues owed ones nobody holds.
//! - [`notices`]: the job that mails translators, and its sweep.
//! - [`queue`]: the apalis job payloads, the worker functions and the queue on SQLite or
//!   PostgreSQL.

pub mod claims;
pub mod confirm;
pub mod deliver;
mod error;
mod fetch_gate;
mod floor;
pub mod identity;
pub mod lanes;
mod ledger;
pub mod notices;
mod pacer;
pub mod queue;
mod record;
pub mod retry;
pub mod transport;

pub use deliver::{BatchOutcome, DeliveryConfig, DeliveryContext, NextStep, deliver_batch};
pub use error::JobError;
pub use retry::RetryPolicy;
pub use rundbrief_core::clock::{Clock, SystemClock};
pub use transport::DynTransport;
