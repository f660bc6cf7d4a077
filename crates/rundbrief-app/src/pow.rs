//! The proof-of-work check of the sign-up form (issue 23): challenges for the browser and the
//! check of what it sends back. The arithmetic is `rundbrief_core::pow`'s; this adds the
//! random source, the clock and the record that each solution is used once (`PowStore`, in
//! the database, so it holds across web processes).

use rand::{Rng as _, RngCore as _};
use rundbrief_core::pow::{self, Challenge, PowError, SALT_BYTES, Solution};
use time::Duration;

use crate::{App, AppError};

/// How long a challenge may be solved and sent: long enough to fill in the form slowly.
pub const CHALLENGE_TTL: Duration = Duration::minutes(30);

/// The Fluent id of the message a refused solution shows, whatever was wrong with it.
pub const POW_MESSAGE: &str = "error-pow";

impl App {
    /// A fresh challenge whose secret number is at most `max_number`.
    pub fn pow_challenge(&self, max_number: u64) -> Challenge {
        let mut random = [0u8; SALT_BYTES];
        let mut rng = rand::rng();
        rng.fill_bytes(&mut random);
        let number = rng.random_range(0..=max_number);
        pow::issue(&self.inner.signer, random, number, max_number, self.now() + CHALLENGE_TTL)
    }

    /// Accepts a solution once: a missing, wrong, expired or already used one is a field
    /// error on `pow` (the form shows it above the button), logged by kind only.
    pub async fn spend_pow(&self, solution: &Solution) -> Result<(), AppError> {
        let now = self.now();
        let refused = |error: PowError| {
            tracing::info!(reason = %error, "sign-up refused: proof of work");
            AppError::invalid("pow", error.to_string(), POW_MESSAGE)
        };
        let expires_at =
            pow::verify(&self.inner.signer, solution, now, CHALLENGE_TTL).map_err(refused)?;
        if self.inner.store.spend_pow_salt(&solution.salt, expires_at, now).await? {
            Ok(())
        } else {
            Err(refused(PowError::Replayed))
        }
    }
}
