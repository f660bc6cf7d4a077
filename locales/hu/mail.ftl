# E-mailek: minden hírlevél lábléce és a megerősítő e-mail (kettős megerősítés).
# Az argumentumok leírása: locales/en/mail.ftl.

## Minden hírlevél lábléce

mail-footer-why = Azért kapja ezt az e-mailt, mert feliratkozott ennek a szervezetnek a hírlevelére: { $organisation }.
mail-footer-unsubscribe = Leiratkozás
mail-footer-preferences = Beállítások módosítása
mail-footer-imprint = Impresszum
mail-fallback-note = Ez a szám még nem érhető el az Ön nyelvén ({ $requested }). Itt olvashatja a következő nyelven: { $used }
mail-name-fallback = Olvasó

## Megerősítő e-mail

confirm-mail-subject = { $organisation }: kérjük, erősítse meg feliratkozását a hírlevélre
confirm-mail-greeting =
    { EMPTY($name) ->
        [true] Kedves Olvasó!
       *[false] Kedves { $name }!
    }
confirm-mail-body = Ön (vagy valaki, aki az Ön e-mail-címét használta) kérte, hogy megkapja ennek a szervezetnek a hírlevelét: { $organisation }. Kérjük, erősítse meg feliratkozását az alábbi linkre kattintva.
confirm-mail-button = Feliratkozás megerősítése
confirm-mail-expiry =
    { $hours ->
        [one] A link { $hours } órán át érvényes.
       *[other] A link { $hours } órán át érvényes.
    }
confirm-mail-ignore = Ha nem Ön iratkozott fel, hagyja figyelmen kívül ezt az e-mailt; semmit sem fog kapni tőlünk.

# The mail frame, in the reader's language.
mail-footer-privacy = Adatvédelmi tájékoztató
mail-sender-unnamed = Hírlevél
mail-footer-why-unnamed = Ezt az e-mailt azért kapja, mert feliratkozott erre a hírlevélre.

mail-test-subject-prefix = [Teszt]
