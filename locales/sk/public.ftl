# Verejné stránky: prihlásenie, potvrdenie, odhlásenie, nastavenia, chyby.
# Argumenty sú opísané v locales/en/public.ftl. Oslovenie: vykanie.
# „organizácie { $organisation }“: názov zostáva v nominatíve a netreba ho skloňovať.

## Všetky stránky

site-language-label = Jazyk
site-imprint-link = Právne informácie
site-privacy-link = Ochrana osobných údajov

## Prihlasovací formulár

subscribe-title = Prihlásenie na odber newslettera
subscribe-intro = Dostávajte novinky od organizácie { $organisation } e-mailom vo svojom jazyku. Odber je bezplatný a môžete ho kedykoľvek zrušiť.
subscribe-email-label = E-mailová adresa
subscribe-name-label = Meno (nepovinné)
subscribe-language-label = Jazyk newslettera
subscribe-topics-legend = Témy
subscribe-topics-hint = Vyberte témy, ktoré vás zaujímajú.
subscribe-region-label = Región (nepovinné)
subscribe-region-none = Žiadny konkrétny región
subscribe-audience-label = Čo vás najlepšie vystihuje?
subscribe-audience-citizen = Občan alebo občianka EÚ
subscribe-audience-counsellor = Poradca, poradkyňa alebo poradňa
subscribe-audience-organisation = Organizácia alebo komunita
subscribe-consent-v1 = Súhlasím s tým, aby organizácia { $organisation } uchovávala moju e-mailovú adresu a vyššie uvedené údaje na účely zasielania newslettera. Najprv dostanem e-mail, ktorým odber potvrdím. Súhlas môžem kedykoľvek odvolať, napríklad prostredníctvom odkazu v každom newsletteri.
subscribe-privacy-note = Ako zaobchádzame s vašimi údajmi, sa dočítate v našich zásadách ochrany osobných údajov.
subscribe-submit = Prihlásiť sa na odber
subscribe-honeypot-label = Toto pole nechajte prázdne

## Po prihlásení

subscribe-check-inbox-title = Skontrolujte, prosím, svoju e-mailovú schránku
subscribe-check-inbox-text = Poslali sme e-mail na adresu { $email }. Kliknite, prosím, na odkaz v ňom, aby ste potvrdili odber.
subscribe-check-inbox-spam = Ani po niekoľkých minútach žiadny e-mail? Pozrite sa, prosím, aj do priečinka so spamom.

## Potvrdzovací odkaz

confirm-success-title = Odber potvrdený
confirm-success-text = Ďakujeme! Odteraz budete dostávať náš newsletter. Nastavenia môžete zmeniť alebo odber zrušiť kedykoľvek pomocou odkazov na konci každého newslettera.
confirm-invalid-title = Tento odkaz je neplatný alebo jeho platnosť uplynula
confirm-invalid-text = Potvrdzovacie odkazy platia len obmedzený čas a možno ich použiť iba raz. Zadajte svoju e-mailovú adresu a pošleme vám nový odkaz.
confirm-resend-button = Poslať nový odkaz
confirm-page-title = Potvrďte odber
confirm-page-text = Tlačidlom nižšie, prosím, potvrďte, že chcete dostávať náš newsletter.
confirm-page-button = Potvrdiť odber
confirm-page-ignore = Ak ste sa neprihlásili, túto stránku jednoducho zatvorte. Bez potvrdenia vám newsletter chodiť nebude.

## Odhlásenie

unsubscribe-title = Odhlásenie z odberu
unsubscribe-question = Naozaj už nechcete dostávať newsletter?
unsubscribe-button = Odhlásiť sa z odberu
unsubscribe-preferences-link = Alebo namiesto toho zmeňte témy a jazyk
unsubscribe-done-title = Odber bol zrušený
unsubscribe-done-text = Newsletter už nebudete dostávať. Ak išlo o omyl, môžete sa kedykoľvek znova prihlásiť.
unsubscribe-resubscribe-link = Znova sa prihlásiť na odber

## Nastavenia

preferences-title = Vaše nastavenia
preferences-intro = Tu môžete zmeniť jazyk a témy svojho newslettera.
preferences-save = Uložiť nastavenia
preferences-saved = Vaše nastavenia boli uložené.
preferences-delete-title = Vymazanie vašich údajov
preferences-delete-warning = Týmto vymažete svoj odber a všetky údaje, ktoré o vás uchovávame. Tento krok nemožno vrátiť späť.
preferences-delete-button = Vymazať všetky moje údaje
preferences-erased-title = Vaše údaje boli vymazané
preferences-erased-text = Vymazali sme váš odber aj vaše osobné údaje. Uchovávame iba záznam, že na túto adresu už nesmieme posielať e-maily.

## Chyby a kontrola formulára

error-not-found-title = Stránka sa nenašla
error-not-found-text = Požadovaná stránka neexistuje. Skontrolujte, prosím, adresu.
error-bad-request-title = Neplatná požiadavka
error-bad-request-text = Vašu požiadavku sa nepodarilo spracovať. Vráťte sa, prosím, späť a skúste to znova.
error-rate-limited-title = Príliš veľa požiadaviek
error-rate-limited-text = Z vášho pripojenia prišlo príliš veľa požiadaviek. Skúste to, prosím, znova o niekoľko minút.
error-internal-title = Niečo sa pokazilo
error-internal-text = Na našej strane nastala neočakávaná chyba. Skúste to, prosím, neskôr.
error-home-link = Prejsť na prihlásenie na odber
error-form-summary = Skontrolujte, prosím, zadané údaje.
error-email-invalid = Zadajte, prosím, platnú e-mailovú adresu.
error-email-local-ascii = Na túto adresu nemôžeme posielať e-maily: pred znakom @ môžu byť len písmená bez diakritiky (a–z), číslice a znaky ako . _ - +.
error-consent-missing = Udeľte, prosím, súhlas so spracovaním svojich údajov, aby sme vám mohli posielať newsletter.
error-language-unknown = Vyberte, prosím, jeden z ponúkaných jazykov.
error-unavailable-title = Služba je dočasne nedostupná
error-unavailable-text = Služba sa momentálne nemôže pripojiť k svojej databáze. Predtým zadané údaje sa nestratili. Skúste to, prosím, znova o minútu.

## Consent v2, the second step of erasure, the unsubscribed state and the reader's own data

subscribe-consent-v2 = Súhlasím s tým, aby organizácia { $organisation } uchovávala a používala moju e-mailovú adresu a vyššie uvedené údaje na účely zasielania newslettera na zvolené témy e-mailom. Najprv dostanem e-mail, ktorým odber potvrdím. Súhlas môžem kedykoľvek odvolať s účinnosťou do budúcnosti, napríklad prostredníctvom odkazu na odhlásenie v každom newsletteri.
erase-confirm-title = Naozaj chcete vymazať všetky svoje údaje?
erase-confirm-text = Vymažeme vašu e-mailovú adresu, meno, zvolené témy a nastavenia. Newsletter už nebudete dostávať. Tento krok nemožno vrátiť späť.
erase-confirm-button = Áno, vymazať všetky moje údaje
erase-confirm-cancel = Nie, ponechať moje údaje
unsubscribed-status-text = Odber je zrušený a newsletter už nedostávate.
data-link = Zobraziť údaje, ktoré o vás uchovávame
data-title = Vaše údaje
data-intro = Toto sú všetky údaje, ktoré o vás uchovávame. Môžete si ich stiahnuť aj ako súbor.
data-download = Stiahnuť ako súbor (JSON)
data-profile-heading = Osobné údaje
data-signed-up = Dátum prihlásenia
data-consent-heading = Vaše súhlasy a zmeny
data-consent-when = Kedy
data-consent-action = Čo
data-consent-version = Verzia textu
data-deliveries-heading = Newslettery, ktoré sme vám poslali
data-delivery-issue = Vydanie
data-delivery-sent = Dátum odoslania
data-deliveries-none = Zatiaľ sme vám neposlali žiadny newsletter.
data-none = žiadne
data-action-signup = Prihlásenie na odber
data-action-confirm = Potvrdenie
data-action-preferences = Zmena nastavení
data-action-unsubscribe = Odhlásenie
data-action-import = Pridanie organizáciou
data-action-erase = Vymazanie údajov
data-action-bounce = Adresa je nedoručiteľná
data-action-complaint = Nahlásenie ako spam
data-action-suppression_lifted = Blokovanie adresy zrušené

# The frame of every public page: skip link, header and footer with the legal links.
site-skip-link = Prejsť na obsah
site-accessibility-link = Vyhlásenie o prístupnosti
site-contact-label = Kontakt
site-legal-label = Právne informácie
site-back-to-website = Späť na webovú stránku
# In place of the organisation's name in sentences, when none is configured.
site-organisation-unnamed = redakcia spravodaja
# The header of the pages when no organisation name is configured.
site-newsletter-unnamed = Spravodaj

test-mail-title = Išlo o testovací e-mail
test-mail-text = Tento odkaz pochádza z testovacieho e-mailu alebo z ukážky newslettera. Nepatrí k žiadnemu odberu, preto sa nič nezmenilo.

# The public archive (issue 23).
archive-title = Archív
archive-empty = Zatiaľ nebolo zverejnené žiadne vydanie.
archive-feed-title = Archív newslettera
archive-feed-link = Kanál nových vydaní
archive-neutral-email = vaša e-mailová adresa
archive-view-in-browser = Zobraziť toto vydanie v prehliadači
archive-other-languages = Toto vydanie v iných jazykoch
archive-all-issues = Všetky vydania

# The proof of work of the sign-up form against bots (issue 23).
subscribe-pow-working = Overujeme, že ste človek, a nie program… Potrvá to niekoľko sekúnd.
subscribe-pow-done = Overenie je hotové. Môžete odoslať formulár.
subscribe-pow-failed = Overenie sa nepodarilo vykonať. Načítajte stránku znova a skúste to ešte raz.
subscribe-pow-noscript = Aby sa zabránilo automatickým prihláseniam, tento formulár nechá váš prehliadač vyriešiť malú výpočtovú úlohu. Ak sa chcete prihlásiť, zapnite pre túto stránku JavaScript.
error-pow = Overenie, že ste človek, chýba, vypršalo alebo už bolo použité. Počkajte, kým sa overenie dokončí, a odošlite formulár znova.
