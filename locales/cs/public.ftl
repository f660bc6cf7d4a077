# Veřejné stránky: přihlášení, potvrzení, odhlášení, nastavení, chyby.
# Argumenty jsou popsány v locales/en/public.ftl. Oslovení: vykání.
# „organizace { $organisation }“: název zůstává v 1. pádě a nemusí se skloňovat.

## Všechny stránky

site-language-label = Jazyk
site-imprint-link = Právní informace
site-privacy-link = Ochrana osobních údajů

## Přihlašovací formulář

subscribe-title = Přihlášení k odběru newsletteru
subscribe-intro = Dostávejte novinky od organizace { $organisation } e-mailem ve svém jazyce. Odběr je zdarma a můžete jej kdykoli zrušit.
subscribe-email-label = E-mailová adresa
subscribe-name-label = Jméno (nepovinné)
subscribe-language-label = Jazyk newsletteru
subscribe-topics-legend = Témata
subscribe-topics-hint = Vyberte témata, která vás zajímají.
subscribe-region-label = Region (nepovinné)
subscribe-region-none = Žádný konkrétní region
subscribe-audience-label = Co vás nejlépe vystihuje?
subscribe-audience-citizen = Občan nebo občanka EU
subscribe-audience-counsellor = Poradce, poradkyně nebo poradna
subscribe-audience-organisation = Organizace nebo komunita
subscribe-consent-v1 = Souhlasím s tím, aby organizace { $organisation } uchovávala mou e-mailovou adresu a výše uvedené údaje za účelem zasílání newsletteru. Nejprve obdržím e-mail, kterým odběr potvrdím. Souhlas mohu kdykoli odvolat, například pomocí odkazu v každém newsletteru.
subscribe-privacy-note = Jak nakládáme s vašimi údaji, se dočtete v našich zásadách ochrany osobních údajů.
subscribe-submit = Přihlásit k odběru
subscribe-honeypot-label = Toto pole nechte prázdné

## Po přihlášení

subscribe-check-inbox-title = Zkontrolujte prosím svou e-mailovou schránku
subscribe-check-inbox-text = Poslali jsme e-mail na adresu { $email }. Klikněte prosím na odkaz v něm a potvrďte tak odběr.
subscribe-check-inbox-spam = Ani po několika minutách žádný e-mail? Podívejte se prosím také do složky se spamem.

## Potvrzovací odkaz

confirm-success-title = Odběr potvrzen
confirm-success-text = Děkujeme! Od této chvíle budete dostávat náš newsletter. Nastavení můžete změnit nebo odběr zrušit kdykoli pomocí odkazů na konci každého newsletteru.
confirm-invalid-title = Tento odkaz je neplatný nebo mu vypršela platnost
confirm-invalid-text = Potvrzovací odkazy platí jen omezenou dobu a lze je použít jen jednou. Zadejte svou e-mailovou adresu a pošleme vám nový odkaz.
confirm-resend-button = Poslat nový odkaz
confirm-page-title = Potvrďte odběr
confirm-page-text = Tlačítkem níže prosím potvrďte, že chcete dostávat náš newsletter.
confirm-page-button = Potvrdit odběr
confirm-page-ignore = Pokud jste se nepřihlásili, tuto stránku prostě zavřete. Bez potvrzení vám newsletter chodit nebude.

## Odhlášení

unsubscribe-title = Odhlášení odběru
unsubscribe-question = Opravdu už nechcete newsletter dostávat?
unsubscribe-button = Odhlásit odběr
unsubscribe-preferences-link = Nebo místo toho změňte témata a jazyk
unsubscribe-done-title = Odběr byl zrušen
unsubscribe-done-text = Newsletter už dostávat nebudete. Pokud šlo o omyl, můžete se kdykoli znovu přihlásit.
unsubscribe-resubscribe-link = Znovu se přihlásit

## Nastavení

preferences-title = Vaše nastavení
preferences-intro = Zde můžete změnit jazyk a témata svého newsletteru.
preferences-save = Uložit nastavení
preferences-saved = Vaše nastavení bylo uloženo.
preferences-delete-title = Smazání vašich údajů
preferences-delete-warning = Tím smažete svůj odběr a všechny údaje, které o vás uchováváme. Tento krok nelze vrátit zpět.
preferences-delete-button = Smazat všechny mé údaje
preferences-erased-title = Vaše údaje byly smazány
preferences-erased-text = Smazali jsme váš odběr i vaše osobní údaje. Uchováváme pouze záznam, že na tuto adresu již nesmíme posílat e-maily.

## Chyby a kontrola formuláře

error-not-found-title = Stránka nenalezena
error-not-found-text = Požadovaná stránka neexistuje. Zkontrolujte prosím adresu.
error-bad-request-title = Neplatný požadavek
error-bad-request-text = Váš požadavek se nepodařilo zpracovat. Vraťte se prosím zpět a zkuste to znovu.
error-rate-limited-title = Příliš mnoho požadavků
error-rate-limited-text = Z vašeho připojení přišlo příliš mnoho požadavků. Zkuste to prosím znovu za několik minut.
error-internal-title = Něco se pokazilo
error-internal-text = Na naší straně došlo k neočekávané chybě. Zkuste to prosím později.
error-home-link = Přejít na stránku přihlášení
error-form-summary = Zkontrolujte prosím zadané údaje.
error-email-invalid = Zadejte prosím platnou e-mailovou adresu.
error-email-local-ascii = Na tuto adresu nemůžeme posílat e-maily: před znakem @ mohou být jen písmena bez diakritiky (a–z), číslice a znaky jako . _ - +.
error-consent-missing = Udělte prosím souhlas se zpracováním svých údajů, abychom vám mohli newsletter zasílat.
error-language-unknown = Vyberte prosím jeden z nabízených jazyků.
error-unavailable-title = Služba dočasně nedostupná
error-unavailable-text = Služba se momentálně nemůže připojit ke své databázi. Dříve zadané údaje se neztratily. Zkuste to prosím znovu za minutu.

## Consent v2, the second step of erasure, the unsubscribed state and the reader's own data

subscribe-consent-v2 = Souhlasím s tím, aby organizace { $organisation } uchovávala a používala mou e-mailovou adresu a výše uvedené údaje za účelem zasílání newsletteru na zvolená témata e-mailem. Nejprve obdržím e-mail, kterým odběr potvrdím. Souhlas mohu kdykoli odvolat s účinkem do budoucna, například pomocí odkazu pro odhlášení v každém newsletteru.
erase-confirm-title = Opravdu chcete smazat všechny své údaje?
erase-confirm-text = Smažeme vaši e-mailovou adresu, jméno, zvolená témata a nastavení. Newsletter vám už nebudeme zasílat. Tuto akci nelze vrátit zpět.
erase-confirm-button = Ano, smazat všechny mé údaje
erase-confirm-cancel = Ne, údaje ponechat
unsubscribed-status-text = Odběr newsletteru je zrušen a newsletter už nedostáváte.
data-link = Zobrazit údaje, které o vás uchováváme
data-title = Vaše údaje
data-intro = Toto jsou všechny údaje, které o vás uchováváme. Můžete si je také stáhnout jako soubor.
data-download = Stáhnout jako soubor (JSON)
data-profile-heading = Osobní údaje
data-signed-up = Datum přihlášení
data-consent-heading = Vaše souhlasy a změny
data-consent-when = Kdy
data-consent-action = Co
data-consent-version = Verze textu
data-deliveries-heading = Newslettery, které jsme vám zaslali
data-delivery-issue = Vydání
data-delivery-sent = Datum odeslání
data-deliveries-none = Zatím jsme vám nezaslali žádný newsletter.
data-none = žádné
data-action-signup = Přihlášení k odběru
data-action-confirm = Potvrzení
data-action-preferences = Změna nastavení
data-action-unsubscribe = Odhlášení
data-action-import = Přidání organizací
data-action-erase = Smazání údajů
data-action-bounce = Adresa je nedoručitelná
data-action-complaint = Nahlášení jako spam
data-action-suppression_lifted = Blokování adresy zrušeno

# The frame of every public page: skip link, header and footer with the legal links.
site-skip-link = Přejít k obsahu
site-accessibility-link = Prohlášení o přístupnosti
site-contact-label = Kontakt
site-legal-label = Právní informace
site-back-to-website = Zpět na webové stránky
# In place of the organisation's name in sentences, when none is configured.
site-organisation-unnamed = redakce zpravodaje
# The header of the pages when no organisation name is configured.
site-newsletter-unnamed = Zpravodaj

test-mail-title = Šlo o zkušební e-mail
test-mail-text = Tento odkaz pochází ze zkušebního e-mailu nebo z náhledu newsletteru. Nepatří k žádnému odběru, proto se nic nezměnilo.

# The public archive (issue 23).
archive-title = Archiv
archive-empty = Zatím nebylo zveřejněno žádné vydání.
archive-feed-title = Archiv newsletteru
archive-feed-link = Kanál nových vydání
archive-neutral-email = vaše e-mailová adresa
archive-view-in-browser = Zobrazit toto vydání v prohlížeči
archive-other-languages = Toto vydání v dalších jazycích
archive-all-issues = Všechna vydání

# The proof of work of the sign-up form against bots (issue 23).
subscribe-pow-working = Ověřujeme, že jste člověk, a ne program… Potrvá to několik sekund.
subscribe-pow-done = Ověření je hotové. Můžete formulář odeslat.
subscribe-pow-failed = Ověření se nepodařilo provést. Načtěte prosím stránku znovu a zkuste to ještě jednou.
subscribe-pow-noscript = Aby se zabránilo automatickým přihláškám, nechá tento formulář váš prohlížeč vyřešit malou výpočetní úlohu. Chcete-li se přihlásit, zapněte prosím pro tuto stránku JavaScript.
error-pow = Ověření, že jste člověk, chybí, vypršelo nebo už bylo použito. Počkejte prosím, až bude ověření hotové, a odešlete formulář znovu.
