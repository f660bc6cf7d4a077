# E-mail: piè di pagina di ogni newsletter ed e-mail di conferma (doppio opt-in).
# Gli argomenti sono descritti in locales/en/mail.ftl.

## Piè di pagina di ogni newsletter

mail-footer-why = Riceve questa e-mail perché ha richiesto l'iscrizione alla newsletter di { $organisation }.
mail-footer-unsubscribe = Annulla l'iscrizione
mail-footer-preferences = Modifica le preferenze
mail-footer-imprint = Note legali
mail-fallback-note = Questo numero non è ancora disponibile nella Sua lingua ({ $requested }). Ecco la versione in: { $used }
mail-name-fallback = gentile lettrice, gentile lettore

## E-mail di conferma

confirm-mail-subject = Confermi la Sua iscrizione alla newsletter di { $organisation }
confirm-mail-greeting =
    { EMPTY($name) ->
        [true] Buongiorno,
       *[false] Buongiorno { $name },
    }
confirm-mail-body = Lei (o qualcuno che ha usato il Suo indirizzo e-mail) ha chiesto di ricevere la newsletter di { $organisation }. Confermi l'iscrizione con il link qui sotto.
confirm-mail-button = Conferma l'iscrizione
confirm-mail-expiry =
    { $hours ->
        [one] Il link è valido per { $hours } ora.
       *[other] Il link è valido per { $hours } ore.
    }
confirm-mail-ignore = Se non ha richiesto l'iscrizione, ignori questa e-mail: non riceverà nulla da parte nostra.

# The mail frame, in the reader's language.
mail-footer-privacy = Informativa sulla privacy
mail-sender-unnamed = Notiziario
mail-footer-why-unnamed = Riceve questa e-mail perché ha sottoscritto questa newsletter.

mail-test-subject-prefix = [Prova]
