#!/usr/bin/env python3
"""make_corpus.py: writes a deterministic benchmark corpus of invented news articles.

The sentences of samples/*/ are cut into templates; their names, dates and numbers are
replaced by invented ones (the lists below), and the sentences are shuffled and recombined
into articles of 1-10 KB: half as .txt files with Title:/Date: headers (some without Date,
some with a dateline), half as news-please JSON Lines files of about 1000 articles each.
Standard library only; the same seed and size always give the same files.

usage: make_corpus.py [--mb N] [--seed S] DIR
"""
import argparse
import datetime
import json
import os
import random
import re
import sys
import zlib

MIB = 1024 * 1024

FIRST = ["Anna", "Boris", "Clara", "Dmitri", "Elena", "Felix", "Greta", "Hugo", "Irina", "Jonas",
         "Katya", "Lars", "Mira", "Nils", "Olga", "Pavel", "Rosa", "Stefan", "Tamara", "Ugo",
         "Vera", "Walter", "Yara", "Zoltan", "Amal", "Bruno", "Chiara", "Dario", "Esme", "Farid",
         "Gideon", "Hanna", "Ines", "Jakub", "Kenji", "Leila", "Marek", "Nadia", "Oskar", "Petra"]
LAST = ["Halvorsen", "Brankovic", "Delacroix", "Ostrovsky", "Lindqvist", "Moreau", "Varga",
        "Kowalczyk", "Santangelo", "Eriksen", "Petrescu", "Albrecht", "Novak", "Castellano",
        "Whitcombe", "Ferreira", "Hollis", "Marchetti", "Dragomir", "Szabo", "Okafor",
        "Brandt", "Quintero", "Rasmussen", "Tarkanian", "Vollmer", "Yilmaz", "Zelenko",
        "Abernathy", "Kerrigan", "Lindgren", "Mazur", "Navarro", "Oyelaran", "Pellegrini",
        "Rademacher", "Sorensen", "Tolbert"]
ORGS = ["Northern Alliance Party", "Civic Renewal Front", "Baltic Trade Bank",
        "Harbor Credit Union", "Council of Coastal States", "Meridian Energy Group",
        "Federal Audit Office",
        "Green Valley Movement", "United Workers League", "Pioneer Investment Bank",
        "National Rail Authority", "Helix Pharmaceuticals", "Assembly of the Republic",
        "Union of Free Farmers", "Lakeside Broadcasting Service", "Ministry of Coastal Affairs",
        "Central Electoral Commission", "Atlas Shipping Company", "Institute for Open Markets",
        "Democratic Forward Party", "Orion Mining Corporation", "Supreme Court of Valdoria"]
ACRONYMS = ["NAP", "CRF", "BTB", "UWL", "MEG", "FAO", "GVM", "NRA", "CEC", "DFP", "IOM"]
PLACES = ["Valdoria", "Kessington", "Port Almara", "Novo Brezhan", "Lake Tirell", "Marisol",
          "Ostrava Nova", "Kaldermark", "San Ferrel", "Brightwater", "Eastmere", "Zeloria",
          "Tarvik", "Castel Rosso", "Dunmore", "Akhtal", "Rivenholm", "Solvang Bay", "Qarimah",
          "Lindenfeld", "Monteverra", "Glasmoor", "Petrovac", "Halden Cross"]
DEMONYMS = ["Valdorian", "Zelorian", "Kaldermarkish", "Marisolan", "Tarvikian", "Akhtali",
            "Qarimi", "Eastmerian"]
AGENCIES = ["Reuters", "AP", "AFP", "Interpress", "Coastline News", "Valdoria Wire", "NordPress"]
DOMAINS = ["coastnews.example", "dailyledger.example", "valdoria-times.example",
           "eastmere-post.example", "wireservice.example", "theobserver.example"]
TITLES = {"President", "Prime", "Minister", "Chancellor", "Mr", "Mrs", "Ms", "Dr", "Senator",
          "Governor", "Mayor", "General", "Speaker", "Foreign", "Finance", "Deputy", "Candidate",
          "Judge", "Chief", "Spokesman", "Spokeswoman", "Secretary"}
KEEP = {"The", "A", "An", "He", "She", "It", "We", "They", "I", "In", "On", "At", "But", "And",
        "As", "This", "That", "There", "His", "Her", "Their", "Our", "Its", "However", "According",
        "Read", "More", "If", "When", "While", "What", "For", "After", "Before", "During", "Last",
        "Of", "So", "Yet", "Also", "Only", "Both", "Such", "These", "Those", "Some", "All", "One",
        "Responding", "Speaking", "Opinion", "Earlier", "Later", "Since", "Until", "By", "From",
        "To", "With", "Without", "Not", "No", "Yes", "Of course", "Mr", "Mrs", "Ms", "Dr"}
ORG_WORDS = {"Front", "National", "Party", "Union", "Bank", "Agency", "Media", "Ministry",
             "Council", "Parliament", "Duma", "Tower", "Guardian", "Committee", "Assembly",
             "Group", "News", "Times", "Post", "Service", "House", "Kremlin", "Government",
             "Commission", "Court", "Office", "Company", "Corporation", "Institute", "Movement"}
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
RELATIVE = ["Last week", "Two days ago", "Earlier this month", "On Monday", "Yesterday",
            "Last year", "Three weeks ago", "Later this year", "Next month", "On Thursday",
            "Earlier this year", "Last month", "This week", "On Sunday evening", "Next Tuesday"]
HEADLINES = ["{P} meets {P2} in {PL}", "{O} pledges {N} million to {PL}",
             "{P} says {O} will not interfere in elections", "{D} court fines {O}",
             "{P} visits {PL} ahead of vote", "{O} accuses {P} of corruption",
             "Talks between {P} and {P2} end without deal", "{PL} protests grow as {P} resigns",
             "{O} lends {N} million euros to {O2}", "{P} and {P2} sign accord in {PL}",
             "{D} minister {P} warns of sanctions", "{P} wins {PL} mayoral race"]

WORD = r"[A-Z][A-Za-z-]*"
RUN = re.compile(r"\b%s(?:\s+(?:(?:de|la|du|von|van|le)\s+)?%s)*" % (WORD, WORD))
DATE_RE = re.compile(r"\b(?:(?:%s)\s+\d{1,2}(?:,\s+\d{4})?|\d{1,2}\s+(?:%s)(?:\s+\d{4})?)\b"
                     % ("|".join(MONTHS), "|".join(MONTHS)))
WEEKDAY_RE = re.compile(r"\b(?:%s)\b" % "|".join(WEEKDAYS))
NUM_RE = re.compile(r"\d+(?:[.,]\d+)?")
SPLIT_RE = re.compile(r"(?<=[.!?])\s+(?=[\"“A-Z])|(?<=[.!?][\"”])\s+(?=[\"“A-Z])")


def load_sentences(root):
    sentences = []
    samples = os.path.join(root, "samples")
    for story in sorted(os.listdir(samples)):
        d = os.path.join(samples, story)
        if not os.path.isdir(d):
            continue
        for name in sorted(os.listdir(d)):
            with open(os.path.join(d, name), encoding="utf-8", errors="replace") as f:
                for line in f:
                    line = line.strip()
                    if not line or line.startswith("#"):
                        continue
                    for s in SPLIT_RE.split(line):
                        s = s.strip()
                        if 30 <= len(s) <= 600 and " " in s and "http" not in s \
                                and sum(c.isalpha() and ord(c) > 0x24F for c in s) < 3:
                            sentences.append(s)
    return sentences


def classify(run, before):
    """The kind of invented name that replaces a run of capitalised words."""
    words = run.split()
    if len(words) == 1:
        w = words[0]
        if w.isupper() and len(w) <= 5:
            return "ACR"
        if re.search(r"(?:ian|ish|ese|ench|can|pean)$", w):
            return "DEM"
        if re.search(r"(?:ia|ance|land|stan|ope|ow)$", w) or re.search(
                r"\b(?:in|to|from|at|visit|visited|near|across)\s*$", before):
            return "PL"
        return "SUR"
    if words[-1] in ORG_WORDS or words[0] in ORG_WORDS:
        return "ORG"
    if re.search(r"\b(?:in|to|from|at|near)\s*$", before):
        return "PL"
    return "PER"


def make_template(s):
    """A sentence as a list of literal strings and (slot, key) pairs."""
    slots = []  # (start, end, slot)
    for m in DATE_RE.finditer(s):
        slots.append((m.start(), m.end(), ("DATE", "")))
    for m in WEEKDAY_RE.finditer(s):
        slots.append((m.start(), m.end(), ("WEEKDAY", "")))
    for m in RUN.finditer(s):
        run, start = m.group(0), m.start()
        words = run.split()
        # titles stay; the name after them is replaced
        while words and words[0] in TITLES:
            start += len(words[0]) + 1
            words = words[1:]
        if not words:
            continue
        if start == 0 and len(words) == 1 and words[0] in KEEP:
            continue
        if words[0] in KEEP:
            if len(words) == 1:
                continue
            start += len(words[0]) + 1
            words = words[1:]
        if words[0] in MONTHS + WEEKDAYS:
            continue
        run = s[start:m.end()]
        slots.append((start, m.end(), (classify(run, s[max(0, start - 12):start]), run)))
    for m in NUM_RE.finditer(s):
        slots.append((m.start(), m.end(), ("NUM", m.group(0))))
    slots.sort()
    parts, pos = [], 0
    for start, end, slot in slots:
        if start < pos:
            continue  # overlaps an earlier slot (a date's number, a name's month)
        parts.append(s[pos:start])
        parts.append(slot)
        pos = end
    parts.append(s[pos:])
    return parts


class Article:
    """One article's invented cast, so that names recur within it."""

    def __init__(self, rng):
        self.rng = rng
        self.people = [(rng.choice(FIRST), rng.choice(LAST)) for _ in range(4)]
        self.orgs = rng.sample(ORGS, 3)
        self.places = rng.sample(PLACES, 3)
        self.demonyms = rng.sample(DEMONYMS, 2)
        self.acronyms = rng.sample(ACRONYMS, 2)
        self.date = datetime.date(2005, 1, 1) + datetime.timedelta(days=rng.randrange(7300))

    def pick(self, items, key):
        return items[zlib.crc32(key.encode()) % len(items)]

    def random_date(self):
        rng = self.rng
        d = self.date - datetime.timedelta(days=rng.randrange(400))
        fmt = rng.randrange(6)
        if fmt == 0:
            return "%s %d, %d" % (MONTHS[d.month - 1], d.day, d.year)
        if fmt == 1:
            return "%d %s %d" % (d.day, MONTHS[d.month - 1], d.year)
        if fmt == 2:
            return "%s %d" % (MONTHS[d.month - 1], d.day)
        if fmt == 3:
            return "%d %s" % (d.day, MONTHS[d.month - 1])
        if fmt == 4:
            return d.isoformat()
        return "%02d/%02d/%d" % (d.day, d.month, d.year)

    def number(self, text):
        rng = self.rng
        if re.fullmatch(r"(?:19|20)\d\d", text):
            return str(rng.randrange(1995, 2025))
        if "." in text or "," in text:
            return "%.1f" % (rng.uniform(0.5, 99.9))
        digits = len(text)
        return str(rng.randrange(10 ** (digits - 1) if digits > 1 else 1, 10 ** digits))

    def fill(self, parts):
        out = []
        for p in parts:
            if isinstance(p, str):
                out.append(p)
                continue
            slot, key = p
            if slot == "PER":
                first, last = self.pick(self.people, key)
                out.append(first + " " + last)
            elif slot == "SUR":
                out.append(self.pick(self.people, key)[1])
            elif slot == "ORG":
                out.append(self.pick(self.orgs, key))
            elif slot == "ACR":
                out.append(self.pick(self.acronyms, key))
            elif slot == "PL":
                out.append(self.pick(self.places, key))
            elif slot == "DEM":
                out.append(self.pick(self.demonyms, key))
            elif slot == "DATE":
                out.append(self.random_date())
            elif slot == "WEEKDAY":
                out.append(self.rng.choice(WEEKDAYS))
            elif slot == "NUM":
                out.append(self.number(key))
        return "".join(out)

    def amount(self):
        rng = self.rng
        cur = rng.choice(["€%dm", "$%d million", "%d million euros", "£%d.%dbn",
                          "%d,000 dollars"])
        n = cur.count("%d")
        return cur % tuple(rng.randrange(1, 99) for _ in range(n))

    def sentence(self, templates):
        rng = self.rng
        s = self.fill(rng.choice(templates))
        r = rng.random()
        if r < 0.12:
            s = "On %s, %s" % (self.random_date(), lower_first(s))
        elif r < 0.22:
            s = "%s, %s" % (rng.choice(RELATIVE), lower_first(s))
        elif r < 0.27:
            s = s.rstrip(".") + ", a deal worth %s." % self.amount()
        return s

    def headline(self):
        p, p2 = self.people[0], self.people[1]
        return self.rng.choice(HEADLINES).format(
            P=" ".join(p), P2=" ".join(p2), PL=self.places[0], O=self.orgs[0], O2=self.orgs[1],
            D=self.demonyms[0], N=self.rng.randrange(2, 900))

    def body(self, templates, size):
        paras, total = [], 0
        while total < size:
            para = " ".join(self.sentence(templates) for _ in range(self.rng.randrange(1, 5)))
            paras.append(para)
            total += len(para.encode()) + 2
        return paras

    def header_date(self):
        d, rng = self.date, self.rng
        t = (rng.randrange(24), rng.randrange(60), rng.randrange(60))
        fmt = rng.randrange(9)
        return [d.isoformat(),
                "%s %02d:%02d:%02d" % ((d.isoformat(),) + t),
                "%sT%02d:%02d:%02dZ" % ((d.isoformat(),) + t),
                "%02d/%02d/%d" % (d.day, d.month, d.year),
                "%02d.%02d.%d" % (d.day, d.month, d.year),
                "%s %d, %d" % (MONTHS[d.month - 1], d.day, d.year),
                "%d %s %d" % (d.day, MONTHS[d.month - 1], d.year),
                "%s %d %d" % (MONTHS[d.month - 1][:3], d.day, d.year),
                "%s, %02d %s %d %02d:%02d:%02d +0000" % ((WEEKDAYS[d.weekday()][:3], d.day,
                                                         MONTHS[d.month - 1][:3], d.year) + t)][fmt]

    def dateline(self):
        d, rng = self.date, self.rng
        place = rng.choice(self.places)
        if rng.random() < 0.5:
            return "%s, %s %d (%s) - " % (place.upper(), MONTHS[d.month - 1], d.day,
                                         rng.choice(AGENCIES))
        return "%s. %s %d. %s \u2014 " % (place, MONTHS[d.month - 1], d.day,
                                         rng.choice(AGENCIES).upper())


def lower_first(s):
    first = s.split(" ", 1)[0]
    if first in KEEP and first not in ("I", "Mr", "Mrs", "Ms", "Dr"):
        return s[0].lower() + s[1:]
    return s


def main():
    ap = argparse.ArgumentParser(description="Write a benchmark corpus of invented articles.")
    ap.add_argument("dir", help="output directory (created)")
    ap.add_argument("--mb", type=float, default=64, help="corpus size in MiB (default 64)")
    ap.add_argument("--seed", type=int, default=20170324, help="random seed")
    args = ap.parse_args()
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    sentences = load_sentences(root)
    if not sentences:
        sys.exit("make_corpus: no sample sentences under %s/samples" % root)
    templates = [make_template(s) for s in sentences]
    rng = random.Random(args.seed)
    target = int(args.mb * MIB)
    os.makedirs(os.path.join(args.dir, "txt"), exist_ok=True)
    os.makedirs(os.path.join(args.dir, "jsonl"), exist_ok=True)
    total = articles = txt_count = feed_count = 0
    feed, pending = [], 0  # pending: the feed's size in bytes, written when it is full

    def flush_feed():
        nonlocal feed_count, total, feed, pending
        if not feed:
            return
        path = os.path.join(args.dir, "jsonl", "feed-%04d.jsonl" % feed_count)
        data = "".join(json.dumps(o, ensure_ascii=False) + "\n" for o in feed).encode()
        with open(path, "wb") as f:
            f.write(data)
        total += len(data)
        feed_count += 1
        feed, pending = [], 0

    while total + pending < target:
        a = Article(rng)
        size = rng.randrange(1000, 10000)
        paras = a.body(templates, size)
        title = a.headline()
        articles += 1
        if rng.random() < 0.5:
            if rng.random() < 0.3:
                paras[0] = a.dateline() + paras[0]
            lines = ["Title: " + title]
            if rng.random() < 0.7:
                lines.append("Date: " + a.header_date())
            if rng.random() < 0.5:
                lines.append("Source: " + rng.choice(AGENCIES))
            if rng.random() < 0.3:
                lines.append("URL: https://%s/news/%d" % (rng.choice(DOMAINS), articles))
            text = "\n".join(lines) + "\n\n" + "\n\n".join(paras) + "\n"
            sub = os.path.join(args.dir, "txt", "%03d" % (txt_count // 500))
            os.makedirs(sub, exist_ok=True)
            data = text.encode()
            with open(os.path.join(sub, "article-%06d.txt" % txt_count), "wb") as f:
                f.write(data)
            total += len(data)
            txt_count += 1
        else:
            domain = rng.choice(DOMAINS)
            d = a.date
            published = None if rng.random() < 0.1 else "%s %02d:%02d:00" % (
                d.isoformat(), rng.randrange(24), rng.randrange(60))
            obj = {
                "authors": [" ".join(rng.choice(a.people))],
                "date_download": "2024-01-01 00:00:00",
                "date_modify": None,
                "date_publish": published,
                "description": paras[0][:200],
                "filename": "%s-%d.json" % (domain, articles),
                "image_url": None,
                "language": "en",
                "localpath": None,
                "maintext": "\n\n".join(paras),
                "source_domain": domain,
                "title": title,
                "title_page": None,
                "title_rss": None,
                "url": "https://%s/story/%d" % (domain, articles),
            }
            feed.append(obj)
            pending += len(json.dumps(obj, ensure_ascii=False).encode()) + 1
            if len(feed) >= 1000:
                flush_feed()
    flush_feed()
    print("make_corpus: %s: %.1f MB in %d articles (%d .txt files, %d .jsonl files)"
          % (args.dir, total / MIB, articles, txt_count, feed_count))


if __name__ == "__main__":
    main()
