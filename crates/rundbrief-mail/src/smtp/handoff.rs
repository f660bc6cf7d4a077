//! Sessions passed from one send to the next, with the next envelope pipelined behind the
//! current content.
//!
//! Without it every message costs two round trips: the envelope (MAIL, RCPT, DATA) and its
//! replies, then the content and its reply. A send that waits for a place in the pool leaves
//! its envelope here; the send that is about to write its content takes the first one waiting,
//! writes that envelope in the same write (RFC 2920 3.1 lets content open a pipelined group),
//! and once it has its own reply passes the session, its place in the pool with it, to the
//! waiting send, which reads its envelope's replies and goes on with its content. On a busy
//! pool that is one write and one wait per message, for the server as for us: measured with
//! Postfix's smtp-sink on loopback, the worker's CPU per message fell by a seventh and the
//! sink's by a tenth, and nine messages in ten went out this way (docs/benchmarks.md,
//! "2026-12-07, day").
//!
//! Nothing goes wrong when a hand-off fails: an envelope without content delivers nothing.
//! A waiting send whose envelope went out on a session that then broke or timed out learns it
//! from the closed channel and waits for a place again; a session whose waiting send is gone
//! (its future dropped) is closed, as its server expects content.

use std::collections::VecDeque;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};

use tokio::sync::{AcquireError, OwnedSemaphorePermit, Semaphore, oneshot};

use super::session::{self, Session};
use crate::error::SendError;

/// A send waiting for a place, with its envelope ready to go out behind another's content.
pub(super) struct Waiter {
    id: u64,
    /// The envelope's bytes ([`session::envelope`]).
    pub envelope: Vec<u8>,
    eight_bit: bool,
    handed: oneshot::Sender<HandOff>,
}

/// A place in the pool, and for a campaign's (unbounded) send its pass through the gate that
/// keeps one place for owed mails. Both go on with a handed-over session, so the sends holding
/// places never outnumber the gate's passes.
pub(super) struct Held {
    /// Held, not read: dropping it gives the place back.
    pub _place: OwnedSemaphorePermit,
    pub gate: Option<OwnedSemaphorePermit>,
}

/// A session whose next reply answers the receiving send's envelope, and what it holds.
pub(super) struct HandOff {
    pub session: Session,
    pub held: Held,
}

impl Waiter {
    /// Passes the session on. A waiter that went away gives it back: its envelope is on the
    /// wire and awaits content, so the caller drops it.
    pub fn hand(self, session: Session, held: Held) {
        // Dropping what comes back closes the socket; the server drops the transaction.
        let _ = self.handed.send(HandOff { session, held });
    }
}

/// What a send waiting for a place got.
pub(super) enum Place {
    /// A free place: the send checks out a connection and writes its envelope itself.
    Free(Held),
    /// A session with this send's envelope already written.
    Handed(HandOff),
}

/// The sends waiting for a hand-off, first come, first served.
#[derive(Default)]
pub(super) struct Waiters {
    queue: Mutex<VecDeque<Waiter>>,
    next_id: AtomicU64,
}

impl Waiters {
    /// The first waiting send whose envelope this session can carry (8-bit content only where
    /// the server offers 8BITMIME); waiters that went away are passed over.
    pub fn take_for(&self, session: &Session) -> Option<Waiter> {
        let extensions = session.extensions();
        if !extensions.pipelining {
            return None;
        }
        let mut queue = self.lock();
        while let Some(first) = queue.front() {
            if first.handed.is_closed() {
                queue.pop_front();
                continue;
            }
            // An 8-bit message the server cannot take waits for a place and learns it there.
            if first.eight_bit && !extensions.eight_bit_mime {
                return None;
            }
            return queue.pop_front();
        }
        None
    }

    /// Waits for a pass through `gate` and a place in `places`, or a hand-off, whichever
    /// comes first.
    pub async fn place(
        &self,
        gate: &Arc<Semaphore>,
        places: &Arc<Semaphore>,
        from: &str,
        recipients: &[&str],
        eight_bit: bool,
    ) -> Result<Place, SendError> {
        let closed = |_: AcquireError| SendError::transient("SMTP transport closed");
        let both = || async {
            let gate = gate.clone().acquire_owned().await?;
            let place = places.clone().acquire_owned().await?;
            Ok::<_, AcquireError>(Held { _place: place, gate: Some(gate) })
        };
        loop {
            if let (Ok(gate), Ok(place)) =
                (gate.clone().try_acquire_owned(), places.clone().try_acquire_owned())
            {
                return Ok(Place::Free(Held { _place: place, gate: Some(gate) }));
            }
            let (handed, mut receive) = oneshot::channel();
            let id = self.next_id.fetch_add(1, Ordering::Relaxed);
            let envelope = session::envelope(from, recipients, eight_bit);
            self.lock().push_back(Waiter { id, envelope, eight_bit, handed });
            // Taken out again if this wait ends while it is still queued, also when the send is
            // dropped. A hand-off or a closed channel means a finishing send took it out.
            let mut registered = Registered { waiters: self, id: Some(id) };
            tokio::select! {
                handed = &mut receive => {
                    registered.id = None;
                    match handed {
                        Ok(handed) => return Ok(Place::Handed(handed)),
                        // Its envelope went out on a session that failed: nothing was sent.
                        Err(_) => continue,
                    }
                },
                held = both() => {
                    let held = held.map_err(closed)?;
                    if registered.withdraw() {
                        return Ok(Place::Free(held));
                    }
                    // A finishing send took this one's envelope just now: its session follows.
                    drop(held);
                    match receive.await {
                        Ok(handed) => return Ok(Place::Handed(handed)),
                        Err(_) => continue,
                    }
                }
            }
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, VecDeque<Waiter>> {
        self.queue.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Takes waiter `id` out of the queue; false when a finishing send has taken it.
    fn withdraw(&self, id: u64) -> bool {
        let mut queue = self.lock();
        match queue.iter().position(|w| w.id == id) {
            Some(index) => {
                queue.remove(index);
                true
            }
            None => false,
        }
    }
}

/// A waiter in the queue, withdrawn when its wait ends while it may still be there; `None` once
/// it is known to be out, which spares the hot path (a hand-off) a second look at the queue.
struct Registered<'a> {
    waiters: &'a Waiters,
    id: Option<u64>,
}

impl Registered<'_> {
    /// Takes the waiter out of the queue; false when a finishing send has taken it.
    fn withdraw(&mut self) -> bool {
        self.id.take().is_some_and(|id| self.waiters.withdraw(id))
    }
}

impl Drop for Registered<'_> {
    fn drop(&mut self) {
        self.withdraw();
    }
}
