//! Which variant of an issue a subscriber receives.

use rundbrief_core::Language;

/// The subscriber's own language if its variant is ready, else the first ready language of the
/// instance's fallback chain; `None` when neither has a ready variant (the subscriber is then
/// skipped, not sent a language they did not choose and the operator did not configure).
pub fn choose_variant(
    subscriber: Language,
    ready: &[Language],
    fallback_chain: &[Language],
) -> Option<Language> {
    std::iter::once(subscriber)
        .chain(fallback_chain.iter().copied())
        .find(|lang| ready.contains(lang))
}

#[cfg(test)]
mod tests {
    use super::*;
    use Language::*;

    #[test]
    fn own_language_wins() {
        assert_eq!(choose_variant(Pl, &[De, En, Pl], &[De, En]), Some(Pl));
    }

    #[test]
    fn chain_in_order() {
        assert_eq!(choose_variant(Mt, &[En, De], &[De, En]), Some(De));
        assert_eq!(choose_variant(Mt, &[En, Fr], &[De, En]), Some(En));
    }

    #[test]
    fn nothing_ready() {
        assert_eq!(choose_variant(Ga, &[Fr], &[De, En]), None);
        assert_eq!(choose_variant(Ga, &[], &[De, En]), None);
    }
}
