#!/usr/bin/env python3
"""Writes N rows of a subscriber export to stdout for bench/import.sh: email, name, language,
lists. The rows are the same for the same N (a fixed seed), cover the 24 EU languages with names
in their own letters, and put each person on one to three of three lists ("|" between names).
Every address is distinct; a tenth of them has capitals, which the import folds for its key.

    python3 bench/import_rows.py 1000000 > people.csv
"""

import csv
import random
import sys

# First and last names per language, in the language's own letters where it has them.
NAMES = {
    "bg": (["Мария", "Георги", "Иван", "Елена"], ["Иванова", "Петров", "Димитрова", "Георгиев"]),
    "cs": (["Žofie", "Jiří", "Tereza", "Tomáš"], ["Dvořáková", "Novák", "Černá", "Procházka"]),
    "da": (["Søren", "Mette", "Jørgen", "Åse"], ["Jørgensen", "Sørensen", "Hansen", "Nielsen"]),
    "de": (["Jürgen", "Grete", "Jörg", "Bärbel"], ["Müller", "Schröder", "Weiß", "Groß"]),
    "el": (["Μαρία", "Γιώργος", "Ελένη", "Νίκος"], ["Παπαδοπούλου", "Οικονόμου", "Γεωργίου", "Λάμπρου"]),
    "en": (["Oliver", "Amelia", "Siobhan", "Zoë"], ["O'Brien", "Smith", "Brontë", "Jones"]),
    "es": (["José", "María", "Íñigo", "Begoña"], ["Núñez", "García", "Peña", "Ibáñez"]),
    "et": (["Tõnu", "Mari", "Jüri", "Ülle"], ["Tamm", "Sepp", "Mägi", "Kõiv"]),
    "fi": (["Väinö", "Aino", "Jyrki", "Päivi"], ["Mäkinen", "Virtanen", "Hämäläinen", "Järvinen"]),
    "fr": (["Hélène", "François", "Zoé", "Jérôme"], ["Lefèvre", "Garçon", "Dubois", "Benoît"]),
    "ga": (["Seán", "Áine", "Pádraig", "Siobhán"], ["Ó Briain", "Ní Bhriain", "Mac Cárthaigh", "Ó Súilleabháin"]),
    "hr": (["Željko", "Ivana", "Đuro", "Mirjana"], ["Horvat", "Kovačević", "Babić", "Šarić"]),
    "hu": (["Zoltán", "Erzsébet", "Gyöngyi", "Ödön"], ["Szőke", "Nagy", "Kovács", "Tóth"]),
    "it": (["Niccolò", "Giulia", "Nicolò", "Lucía"], ["Rossi", "Bianchi", "D'Angelò", "Esposito"]),
    "lt": (["Žydrūnas", "Rūta", "Jonas", "Aušra"], ["Kazlauskas", "Jankauskaitė", "Petrauskas", "Žukauskienė"]),
    "lv": (["Jānis", "Līga", "Andris", "Ilze"], ["Bērziņš", "Kalniņa", "Ozoliņš", "Liepiņa"]),
    "mt": (["Ġorġ", "Marija", "Ċensu", "Rita"], ["Borġ", "Camilleri", "Żammit", "Vella"]),
    "nl": (["Daan", "Anouk", "Joëlle", "Sem"], ["de Vries", "Jansen", "van Dijk", "Bakker"]),
    "pl": (["Łukasz", "Zofia", "Małgorzata", "Paweł"], ["Wiśniewski", "Nowak", "Kowalczyk", "Wójcik"]),
    "pt": (["João", "Inês", "Gonçalo", "Conceição"], ["Gonçalves", "Simões", "Araújo", "Magalhães"]),
    "ro": (["Ștefan", "Ioana", "Răzvan", "Mădălina"], ["Popescu", "Țurcanu", "Stănescu", "Ionescu"]),
    "sk": (["Ľubomír", "Zuzana", "Ján", "Mária"], ["Horváth", "Kováčová", "Šimko", "Ďurica"]),
    "sl": (["Žiga", "Špela", "Matej", "Nina"], ["Novak", "Horvat", "Kovačič", "Krajnc"]),
    "sv": (["Åsa", "Björn", "Märta", "Göran"], ["Öberg", "Andersson", "Åkesson", "Lindqvist"]),
}
LANGUAGES = sorted(NAMES)
LISTS = ["Weekly", "Events", "Offers"]
DOMAINS = ["example.org", "example.net", "example.com", "post.example.eu"]


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    rng = random.Random(20261206)
    out = csv.writer(sys.stdout, lineterminator="\n")
    out.writerow(["email", "name", "language", "lists"])
    for i in range(n):
        language = LANGUAGES[i % len(LANGUAGES)]
        first, last = NAMES[language]
        name = f"{rng.choice(first)} {rng.choice(last)}"
        local = f"person.{i}"
        if i % 10 == 0:
            local = f"Person.{i}"
        lists = rng.sample(LISTS, rng.randint(1, 3))
        out.writerow([f"{local}@{DOMAINS[i % len(DOMAINS)]}", name, language, "|".join(lists)])


if __name__ == "__main__":
    main()
