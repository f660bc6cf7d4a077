# Strony publiczne: zapis, potwierdzenie, rezygnacja, ustawienia, błędy.
# Argumenty opisano w locales/en/public.ftl. Forma grzecznościowa: „Państwo”.

## Wszystkie strony

site-language-label = Język
site-imprint-link = Nota prawna
site-privacy-link = Polityka prywatności

## Formularz zapisu

subscribe-title = Subskrypcja newslettera
subscribe-intro = Aktualności od organizacji { $organisation } przesyłane e-mailem w Państwa języku. Subskrypcja jest bezpłatna i można z niej zrezygnować w każdej chwili.
subscribe-email-label = Adres e-mail
subscribe-name-label = Imię i nazwisko (opcjonalnie)
subscribe-language-label = Język newslettera
subscribe-topics-legend = Tematy
subscribe-topics-hint = Prosimy wybrać tematy, które Państwa interesują.
subscribe-region-label = Region (opcjonalnie)
subscribe-region-none = Bez określonego regionu
subscribe-audience-label = Co najlepiej Państwa opisuje?
subscribe-audience-citizen = Obywatel lub obywatelka UE
subscribe-audience-counsellor = Doradca, doradczyni lub poradnia
subscribe-audience-organisation = Organizacja lub społeczność
subscribe-consent-v1 = Wyrażam zgodę na przechowywanie przez organizację { $organisation } mojego adresu e-mail i podanych powyżej danych w celu przesyłania mi newslettera. Najpierw otrzymam e-mail, w którym potwierdzę subskrypcję. Mogę w każdej chwili wycofać zgodę, na przykład za pomocą linku zamieszczonego w każdym newsletterze.
subscribe-privacy-note = Informacje o tym, jak postępujemy z Państwa danymi, znajdują się w naszej polityce prywatności.
subscribe-submit = Zapisz się
subscribe-honeypot-label = Prosimy pozostawić to pole puste

## Po zapisie

subscribe-check-inbox-title = Prosimy sprawdzić skrzynkę odbiorczą
subscribe-check-inbox-text = Wysłaliśmy wiadomość e-mail na adres { $email }. Prosimy kliknąć zawarty w niej link, aby potwierdzić subskrypcję.
subscribe-check-inbox-spam = Po kilku minutach nadal brak wiadomości? Prosimy sprawdzić również folder ze spamem.

## Link potwierdzający

confirm-success-title = Subskrypcja potwierdzona
confirm-success-text = Dziękujemy! Od teraz będą Państwo otrzymywać nasz newsletter. Ustawienia można zmienić, a z subskrypcji zrezygnować w każdej chwili za pomocą linków na końcu każdego newslettera.
confirm-invalid-title = Ten link jest nieprawidłowy lub wygasł
confirm-invalid-text = Linki potwierdzające są ważne tylko przez ograniczony czas i można ich użyć jeden raz. Prosimy podać swój adres e-mail, a wyślemy nowy link.
confirm-resend-button = Wyślij nowy link
confirm-page-title = Potwierdzenie subskrypcji
confirm-page-text = Prosimy potwierdzić przyciskiem poniżej, że chcą Państwo otrzymywać nasz newsletter.
confirm-page-button = Potwierdź subskrypcję
confirm-page-ignore = Jeśli nie zapisywali się Państwo do newslettera, wystarczy zamknąć tę stronę. Bez potwierdzenia nie będą Państwo otrzymywać newslettera.

## Rezygnacja

unsubscribe-title = Rezygnacja z newslettera
unsubscribe-question = Czy na pewno nie chcą Państwo dłużej otrzymywać newslettera?
unsubscribe-button = Zrezygnuj z subskrypcji
unsubscribe-preferences-link = Mogą Państwo też zamiast tego zmienić tematy i język
unsubscribe-done-title = Subskrypcja została anulowana
unsubscribe-done-text = Nie będą Państwo już otrzymywać newslettera. Jeśli to pomyłka, można w każdej chwili zapisać się ponownie.
unsubscribe-resubscribe-link = Zapisz się ponownie

## Ustawienia

preferences-title = Państwa ustawienia
preferences-intro = Tutaj można zmienić język i tematy newslettera.
preferences-save = Zapisz ustawienia
preferences-saved = Ustawienia zostały zapisane.
preferences-delete-title = Usunięcie danych
preferences-delete-warning = Spowoduje to usunięcie subskrypcji i wszystkich danych, które o Państwu przechowujemy. Tej operacji nie można cofnąć.
preferences-delete-button = Usuń wszystkie moje dane
preferences-erased-title = Państwa dane zostały usunięte
preferences-erased-text = Usunęliśmy Państwa subskrypcję i dane osobowe. Zachowujemy jedynie informację, że na ten adres nie wolno już wysyłać wiadomości.

## Błędy i sprawdzanie formularza

error-not-found-title = Nie znaleziono strony
error-not-found-text = Żądana strona nie istnieje. Prosimy sprawdzić adres.
error-bad-request-title = Nieprawidłowe żądanie
error-bad-request-text = Nie udało się przetworzyć żądania. Prosimy wrócić i spróbować ponownie.
error-rate-limited-title = Zbyt wiele żądań
error-rate-limited-text = Z Państwa połączenia wysłano zbyt wiele żądań. Prosimy spróbować ponownie za kilka minut.
error-internal-title = Coś poszło nie tak
error-internal-text = Po naszej stronie wystąpił nieoczekiwany błąd. Prosimy spróbować ponownie później.
error-home-link = Przejdź do strony zapisu
error-form-summary = Prosimy sprawdzić wprowadzone dane.
error-email-invalid = Prosimy podać prawidłowy adres e-mail.
error-email-local-ascii = Na ten adres nie możemy wysyłać wiadomości: przed znakiem @ mogą występować tylko litery bez polskich znaków i akcentów (a–z), cyfry oraz znaki takie jak . _ - +.
error-consent-missing = Prosimy wyrazić zgodę na przetwarzanie danych, abyśmy mogli przesyłać Państwu newsletter.
error-language-unknown = Prosimy wybrać jeden z dostępnych języków.
error-unavailable-title = Usługa tymczasowo niedostępna
error-unavailable-text = Usługa nie może obecnie połączyć się z bazą danych. Wcześniej wprowadzone dane nie zostały utracone. Prosimy spróbować ponownie za minutę.

## Consent v2, the second step of erasure, the unsubscribed state and the reader's own data

subscribe-consent-v2 = Wyrażam zgodę na przechowywanie i wykorzystywanie przez organizację { $organisation } mojego adresu e-mail i podanych powyżej danych w celu przesyłania mi pocztą elektroniczną newslettera na wybrane tematy. Najpierw otrzymam e-mail, w którym potwierdzę subskrypcję. Mogę w każdej chwili wycofać zgodę ze skutkiem na przyszłość, na przykład za pomocą linku do wypisania się, zamieszczonego w każdym newsletterze.
erase-confirm-title = Czy na pewno chcą Państwo usunąć wszystkie swoje dane?
erase-confirm-text = Usuniemy Państwa adres e-mail, imię i nazwisko, tematy oraz ustawienia. Nie będą Państwo już otrzymywać newslettera. Tej operacji nie można cofnąć.
erase-confirm-button = Tak, usuń wszystkie moje dane
erase-confirm-cancel = Nie, zachowaj moje dane
unsubscribed-status-text = Subskrypcja została anulowana i nie otrzymują Państwo już newslettera.
data-link = Zobacz dane, które o Państwu przechowujemy
data-title = Państwa dane
data-intro = To są wszystkie dane, które o Państwu przechowujemy. Można je także pobrać jako plik.
data-download = Pobierz jako plik (JSON)
data-profile-heading = Podane dane
data-signed-up = Data zapisu
data-consent-heading = Zgody i zmiany
data-consent-when = Kiedy
data-consent-action = Co
data-consent-version = Wersja tekstu
data-deliveries-heading = Wysłane newslettery
data-delivery-issue = Wydanie
data-delivery-sent = Data wysłania
data-deliveries-none = Nie wysłaliśmy jeszcze Państwu żadnego newslettera.
data-none = brak
data-action-signup = Zapis
data-action-confirm = Potwierdzenie
data-action-preferences = Zmiana ustawień
data-action-unsubscribe = Wypisanie się
data-action-import = Dodanie przez organizację
data-action-erase = Usunięcie danych
data-action-bounce = Adres nieosiągalny
data-action-complaint = Zgłoszenie jako spam
data-action-suppression_lifted = Blokada adresu zniesiona

# The frame of every public page: skip link, header and footer with the legal links.
site-skip-link = Przejdź do treści
site-accessibility-link = Deklaracja dostępności
site-contact-label = Kontakt
site-legal-label = Informacje prawne
site-back-to-website = Powrót do strony internetowej
# In place of the organisation's name in sentences, when none is configured.
site-organisation-unnamed = redakcja newslettera
# The header of the pages when no organisation name is configured.
site-newsletter-unnamed = Biuletyn

test-mail-title = To była wiadomość testowa
test-mail-text = Ten link pochodzi z wiadomości testowej lub z podglądu newslettera. Nie jest powiązany z żadną subskrypcją, dlatego nic nie zostało zmienione.

# The public archive (issue 23).
archive-title = Archiwum
archive-empty = Nie opublikowano jeszcze żadnego wydania.
archive-feed-title = Archiwum newslettera
archive-feed-link = Kanał nowych wydań
archive-neutral-email = Państwa adres e-mail
archive-view-in-browser = Wyświetl to wydanie w przeglądarce
archive-other-languages = To wydanie w innych językach
archive-all-issues = Wszystkie wydania

# The proof of work of the sign-up form against bots (issue 23).
subscribe-pow-working = Sprawdzamy, czy formularz wypełnia człowiek, a nie program… To potrwa kilka sekund.
subscribe-pow-done = Sprawdzanie zakończone. Można wysłać formularz.
subscribe-pow-failed = Nie udało się przeprowadzić sprawdzenia. Prosimy odświeżyć stronę i spróbować ponownie.
subscribe-pow-noscript = Aby powstrzymać automatyczne zapisy, ten formularz prosi Państwa przeglądarkę o rozwiązanie małego zadania obliczeniowego. Aby się zapisać, prosimy włączyć JavaScript dla tej strony.
error-pow = Sprawdzenie, czy formularz wypełnia człowiek, nie zostało wykonane, wygasło lub zostało już użyte. Prosimy poczekać, aż sprawdzanie się zakończy, i wysłać formularz ponownie.
