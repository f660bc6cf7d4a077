# Nyilvános oldalak: feliratkozás, megerősítés, leiratkozás, beállítások, hibák.
# Az argumentumok leírása: locales/en/public.ftl. Megszólítás: „Ön”.
# A szervezet neve zárójelben áll, így nem kell névelő (a/az) és toldalék.

## Minden oldal

site-language-label = Nyelv
site-imprint-link = Impresszum
site-privacy-link = Adatvédelmi tájékoztató

## Feliratkozási űrlap

subscribe-title = Feliratkozás a hírlevélre
subscribe-intro = { $organisation }: hírek e-mailben, az Ön nyelvén. A hírlevél ingyenes, és bármikor leiratkozhat róla.
subscribe-email-label = E-mail-cím
subscribe-name-label = Név (nem kötelező)
subscribe-language-label = A hírlevél nyelve
subscribe-topics-legend = Témák
subscribe-topics-hint = Válassza ki az Önt érdeklő témákat.
subscribe-region-label = Régió (nem kötelező)
subscribe-region-none = Nincs konkrét régió
subscribe-audience-label = Mi jellemzi Önt a legjobban?
subscribe-audience-citizen = Uniós polgár
subscribe-audience-counsellor = Tanácsadó vagy tanácsadó iroda
subscribe-audience-organisation = Szervezet vagy közösség
subscribe-consent-v1 = Hozzájárulok, hogy a hírlevél küldése céljából az adatkezelő ({ $organisation }) tárolja az e-mail-címemet és a fent megadott adataimat. Először kapok egy e-mailt, amellyel megerősítem a feliratkozásomat. Hozzájárulásomat bármikor visszavonhatom, például a minden hírlevélben megtalálható linken keresztül.
subscribe-privacy-note = Adatvédelmi tájékoztatónkban olvashat arról, hogyan kezeljük az adatait.
subscribe-submit = Feliratkozom
subscribe-honeypot-label = Ezt a mezőt hagyja üresen

## Feliratkozás után

subscribe-check-inbox-title = Kérjük, nézze meg a postafiókját
subscribe-check-inbox-text = E-mailt küldtünk a következő címre: { $email }. Kérjük, kattintson a benne található linkre a feliratkozás megerősítéséhez.
subscribe-check-inbox-spam = Néhány perc múlva sem érkezett e-mail? Kérjük, nézze meg a levélszemét mappát is.

## Megerősítő link

confirm-success-title = Feliratkozás megerősítve
confirm-success-text = Köszönjük! Mostantól megkapja hírlevelünket. Beállításait bármikor módosíthatja, vagy leiratkozhat a hírlevelek alján található linkekkel.
confirm-invalid-title = Ez a link érvénytelen vagy lejárt
confirm-invalid-text = A megerősítő linkek csak korlátozott ideig érvényesek, és csak egyszer használhatók. Adja meg e-mail-címét, és küldünk Önnek egy új linket.
confirm-resend-button = Új link küldése
confirm-page-title = Erősítse meg feliratkozását
confirm-page-text = Kérjük, az alábbi gombbal erősítse meg, hogy szeretné megkapni hírlevelünket.
confirm-page-button = Feliratkozás megerősítése
confirm-page-ignore = Ha nem Ön iratkozott fel, egyszerűen zárja be ezt az oldalt. Megerősítés nélkül nem kap hírlevelet.

## Leiratkozás

unsubscribe-title = Leiratkozás
unsubscribe-question = Biztosan nem szeretné többé megkapni a hírlevelet?
unsubscribe-button = Leiratkozom
unsubscribe-preferences-link = Vagy inkább módosítsa a témákat és a nyelvet
unsubscribe-done-title = Sikeresen leiratkozott
unsubscribe-done-text = Többé nem kapja meg a hírlevelet. Ha tévedésből történt, bármikor újra feliratkozhat.
unsubscribe-resubscribe-link = Újra feliratkozom

## Beállítások

preferences-title = Az Ön beállításai
preferences-intro = Itt módosíthatja hírlevele nyelvét és témáit.
preferences-save = Beállítások mentése
preferences-saved = Beállításait elmentettük.
preferences-delete-title = Adatainak törlése
preferences-delete-warning = Ezzel törli a feliratkozását és minden adatot, amelyet Önről tárolunk. Ez nem vonható vissza.
preferences-delete-button = Minden adatom törlése
preferences-erased-title = Adatait töröltük
preferences-erased-text = Töröltük a feliratkozását és személyes adatait. Csak egy feljegyzést őrzünk meg arról, hogy erre a címre többé nem küldhető e-mail.

## Hibák és az űrlap ellenőrzése

error-not-found-title = Az oldal nem található
error-not-found-text = A keresett oldal nem létezik. Kérjük, ellenőrizze a címet.
error-bad-request-title = Érvénytelen kérés
error-bad-request-text = Kérését nem sikerült feldolgozni. Kérjük, lépjen vissza, és próbálja újra.
error-rate-limited-title = Túl sok kérés
error-rate-limited-text = Az Ön kapcsolatáról túl sok kérés érkezett. Kérjük, néhány perc múlva próbálja újra.
error-internal-title = Hiba történt
error-internal-text = Nálunk váratlan hiba történt. Kérjük, próbálja újra később.
error-home-link = Ugrás a feliratkozási oldalra
error-form-summary = Kérjük, ellenőrizze a megadott adatokat.
error-email-invalid = Kérjük, adjon meg egy érvényes e-mail-címet.
error-email-local-ascii = Erre a címre nem tudunk e-mailt küldeni: a @ előtt csak ékezet nélküli betűk (a–z), számok és olyan karakterek állhatnak, mint a . _ - +.
error-consent-missing = Kérjük, járuljon hozzá adatai kezeléséhez, hogy elküldhessük Önnek a hírlevelet.
error-language-unknown = Kérjük, válasszon a felkínált nyelvek közül.
error-unavailable-title = Átmenetileg nem elérhető
error-unavailable-text = A szolgáltatás jelenleg nem éri el az adatbázisát. A korábban megadott adatai nem vesztek el. Kérjük, egy perc múlva próbálja újra.

## Consent v2, the second step of erasure, the unsubscribed state and the reader's own data

subscribe-consent-v2 = Hozzájárulok, hogy a kiválasztott témákról szóló hírlevél e-mailben történő küldése céljából az adatkezelő ({ $organisation }) tárolja és felhasználja az e-mail-címemet és a fent megadott adataimat. Először kapok egy e-mailt, amellyel megerősítem a feliratkozásomat. Hozzájárulásomat bármikor, a jövőre nézve visszavonhatom, például a minden hírlevélben megtalálható leiratkozási linken keresztül.
erase-confirm-title = Valóban törölni szeretné az összes adatát?
erase-confirm-text = Töröljük az e-mail-címét, a nevét, a témáit és a beállításait. Többé nem kapja meg a hírlevelet. Ez nem vonható vissza.
erase-confirm-button = Igen, minden adatom törlése
erase-confirm-cancel = Nem, megtartom az adataimat
unsubscribed-status-text = Ön leiratkozott, és már nem kapja a hírlevelet.
data-link = Az Önről tárolt adatok megtekintése
data-title = Az Ön adatai
data-intro = Ez minden adat, amelyet Önről tárolunk. Fájlként is letöltheti.
data-download = Letöltés fájlként (JSON)
data-profile-heading = Megadott adatai
data-signed-up = Feliratkozás dátuma
data-consent-heading = Hozzájárulásai és módosításai
data-consent-when = Mikor
data-consent-action = Mi
data-consent-version = Szövegváltozat
data-deliveries-heading = Önnek küldött hírlevelek
data-delivery-issue = Szám
data-delivery-sent = Küldés dátuma
data-deliveries-none = Még nem küldtünk Önnek hírlevelet.
data-none = nincs
data-action-signup = Feliratkozás
data-action-confirm = Megerősítés
data-action-preferences = Beállítások módosítása
data-action-unsubscribe = Leiratkozás
data-action-import = A szervezet vette fel
data-action-erase = Adatok törlése
data-action-bounce = A cím nem kézbesíthető
data-action-complaint = Levélszemétként jelentve
data-action-suppression_lifted = A cím tiltása feloldva

# The frame of every public page: skip link, header and footer with the legal links.
site-skip-link = Ugrás a tartalomhoz
site-accessibility-link = Akadálymentességi nyilatkozat
site-contact-label = Kapcsolat
site-legal-label = Jogi információk
site-back-to-website = Vissza a weboldalra
# In place of the organisation's name in sentences, when none is configured.
site-organisation-unnamed = a hírlevél szerkesztősége
# The header of the pages when no organisation name is configured.
site-newsletter-unnamed = Hírlevél

test-mail-title = Ez egy teszt e-mail volt
test-mail-text = Ez a link egy teszt e-mailből vagy a hírlevél előnézetéből származik. Nem tartozik feliratkozáshoz, ezért semmi sem változott.

# The public archive (issue 23).
archive-title = Archívum
archive-empty = Még nem jelent meg egyetlen szám sem.
archive-feed-title = Hírlevél-archívum
archive-feed-link = Az új számok hírcsatornája
archive-neutral-email = az Ön e-mail-címe
archive-view-in-browser = A szám megtekintése a böngészőben
archive-other-languages = Ez a szám más nyelveken
archive-all-issues = Összes szám

# The proof of work of the sign-up form against bots (issue 23).
subscribe-pow-working = Ellenőrizzük, hogy Ön ember, és nem program… Ez néhány másodpercig tart.
subscribe-pow-done = Az ellenőrzés kész. Elküldheti az űrlapot.
subscribe-pow-failed = Az ellenőrzést nem sikerült elvégezni. Kérjük, töltse be újra az oldalt, és próbálja meg ismét.
subscribe-pow-noscript = Az automatikus feliratkozások kiszűrésére ez az űrlap egy kis számítási feladatot oldat meg a böngészőjével. A feliratkozáshoz kérjük, kapcsolja be a JavaScriptet ezen az oldalon.
error-pow = Az ellenőrzés, hogy Ön ember, hiányzik, lejárt vagy már felhasználták. Kérjük, várja meg, amíg az ellenőrzés befejeződik, és küldje el újra az űrlapot.
