#!/usr/bin/env python3
"""Writes a synthetic, valid content folder for benchmarking `moteplass`.

    Benchmarks/make-corpus.py OUT_DIR [--recommendations N] [--sets S] [--seed X]

Copies site.yml, parties.yml and index.md from the repository's Content/ and generates
S recommendation sets (`recommendations/set-NN/_set.md`), N recommendations spread over them
(ids `BM-NN-NNNN`, each with a handover and most duties naming a task of `tasks.yml`), a few
meetings, free pages and one checklist. The output is deterministic:
the same arguments give byte-identical files. Python 3 standard library only.

The corpus must validate with 0 errors and 0 warnings. Bodies are Norwegian-looking prose that
never puts a party alias directly in front of "skal", "bør" or "må" unless the party is in the
recommendation's `responsible` list (the coming `responsible-unlisted` rule); the script checks
this itself and stops if it would ever write such a sentence.
"""

import argparse
import random
import re
import shutil
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CONTENT = REPO / "Content"

MODALS = ("skal", "bør", "må")
MODAL_RE = re.compile(r"(?<=\s)(?:%s)\b" % "|".join(MODALS), re.IGNORECASE)
WORD_BEFORE_RE = re.compile(r"([\w-]+)\s+$")

# ---------------------------------------------------------------------------------------------
# parties.yml (a tiny reader for its simple layout: `- id:`, `name:`, `aliases:` + `- word`)


def read_parties(path):
    parties = []
    current = None
    in_aliases = False
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.rstrip()
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        m = re.match(r"^-\s+id:\s*(\S+)\s*$", line)
        if m:
            current = {"id": m.group(1).strip("\"'"), "name": None, "aliases": []}
            parties.append(current)
            in_aliases = False
            continue
        if current is None:
            continue
        m = re.match(r"^\s+name:\s*(.+)$", line)
        if m:
            current["name"] = m.group(1).strip().strip("\"'")
            in_aliases = False
            continue
        if re.match(r"^\s+aliases:\s*$", line):
            in_aliases = True
            continue
        m = re.match(r"^\s+aliases:\s*\[(.*)\]\s*$", line)
        if m:
            current["aliases"] = [a.strip().strip("\"'") for a in m.group(1).split(",") if a.strip()]
            in_aliases = False
            continue
        m = re.match(r"^\s+-\s+(.+)$", line)
        if m and in_aliases:
            current["aliases"].append(m.group(1).strip().strip("\"'"))
            continue
        if re.match(r"^\s+\w+:", line):
            in_aliases = False
    if not parties:
        sys.exit(f"make-corpus: no parties found in {path}")
    for p in parties:
        if not p["name"]:
            p["name"] = p["id"]
        p["aliases"] = [a.lower() for a in p["aliases"]]
    return parties


# ---------------------------------------------------------------------------------------------
# Word material. Nothing here is clinical guidance: it is filler that looks like the real text.

TOPICS = [
    ("utskrivning", "Utskrivning fra sykehus"),
    ("epikrise", "Epikrise og informasjonsoverføring"),
    ("timebestilling", "Timebestilling etter sykehusopphold"),
    ("legemidler", "Legemiddelliste ved overføring"),
    ("henvisning", "Henvisning til poliklinikk"),
    ("provesvar", "Oppfølging av prøvesvar"),
    ("sykmelding", "Sykmelding ved innleggelse"),
    ("hjelpemidler", "Hjelpemidler etter utskrivning"),
    ("kontroll", "Kontroller etter behandling"),
    ("innleggelse", "Innleggelse fra legevakt"),
    ("palliasjon", "Palliativ oppfølging i hjemmet"),
    ("rehabilitering", "Rehabilitering etter opphold"),
    ("demens", "Utredning ved mistanke om demens"),
    ("psykisk-helse", "Samarbeid om psykisk helse"),
    ("rus", "Oppfølging ved rusproblemer"),
    ("barn", "Barn og unge med kroniske sykdommer"),
    ("eldre", "Skrøpelige eldre mellom nivåene"),
    ("kreft", "Pakkeforløp for kreft"),
    ("hjerneslag", "Oppfølging etter hjerneslag"),
    ("fall", "Fallforebygging og bruddskader"),
]

TRANSITIONS = [
    "etter sykehusopphold", "ved utskrivning", "ved innleggelse", "før planlagt kontroll",
    "i overgangen til kommunen", "ved akutt forverring", "ved overføring til helsehus",
    "når pasienten flytter mellom tjenester", "etter poliklinisk behandling", "i helger og høytider",
]

TAGS = [
    "utskrivning", "epikrise", "timebestilling", "legemidler", "henvisning", "prøvesvar",
    "kommunikasjon", "pleie", "kontroll", "overføring", "ansvar", "elektronisk-melding",
    "dialogmelding", "legevakt", "sykehjem", "rehabilitering", "eldre", "barn", "psykisk-helse",
]

WHEN = [
    "Ved utskrivning", "Ved innleggelse", "Når epikrisen er sendt", "Ved overføring til kommunen",
    "Etter første kontroll", "Når behandlingen er avsluttet", "Ved akutt innleggelse",
]

# Duties are sentences without a subject (the party is the subject); they never contain a modal verb.
DUTIES = [
    "Sender epikrisen elektronisk samme dag som pasienten skrives ut.",
    "Gir pasienten en skriftlig plan for videre oppfølging, med navn på kontaktperson.",
    "Bestiller time til kontroll og gir beskjed om tidspunktet i epikrisen.",
    "Oppdaterer legemiddellisten og sender den med ved overføring.",
    "Tar imot henvisningen og vurderer den innen fristen i prioriteringsveilederen.",
    "Følger opp prøvesvar som kommer etter utskrivning, og varsler ved avvik.",
    "Avklarer behovet for hjelpemidler før utskrivning, i samarbeid med ergoterapeut.",
    "Gir *muntlig* beskjed ved endringer som haster, i tillegg til skriftlig melding.",
    "Vurderer behovet for hjemmebesøk den første uken etter hjemkomst.",
    "Kontakter vakthavende lege ved spørsmål om behandlingen, på direktenummeret i epikrisen.",
    "Gjennomgår legemiddellisten med pasienten ved første konsultasjon.",
    "Melder behovet for tjenester til kommunen i god tid før utskrivning.",
    "Holder oversikt over planlagte kontroller og gir beskjed ved forsinkelser.",
    "Informerer om hvem som har behandlingsansvaret i hver fase av forløpet.",
    "Dokumenterer avtalen i journalen og i den elektroniske meldingen.",
    "Sørger for at pårørende får informasjon når pasienten samtykker.",
    "Tar kontakt via dialogmelding når noe er uklart, og svarer innen tre virkedager.",
    "Vurderer om pasienten kan behandles i kommunen før innleggelse.",
    "Bestiller transport hjem når pasienten ikke kan reise selv.",
    "Gir pasienten ~~papirresept~~ e-resept på legemidlene som er startet.",
]

# Sentences without any party alias in front of a modal verb (the subject is never a party).
NEUTRAL = [
    "Arbeidsdelingen bygger på erfaringer fra de lokale prosjektene i Hovedstadsområdet.",
    "Målet er at pasienten opplever ett sammenhengende forløp, uten unødige brudd.",
    "Erfaring viser at uklare avtaler skaper usikkerhet og forsinker oppfølgingen.",
    "Anbefalingen gjelder for voksne pasienter med behov for oppfølging på flere nivåer.",
    "Ordningen evalueres etter ett år, og resultatene legges fram i neste temamøte.",
    "Ved uenighet om ansvaret tas saken opp i samarbeidsutvalget.",
    "Informasjonen sendes som elektronisk melding der det er mulig.",
    "Det er viktig at avtalene er kjent for alle som deltar i forløpet.",
    "Teksten er skrevet for å være lett å finne fram i, også på mobil.",
    "Epikrisen skal være kort, presis og skrevet slik at mottakeren forstår den.",
    "Henvisningen bør inneholde problemstilling, relevante funn og spørsmål til mottakeren.",
    "Legemiddellisten må være oppdatert og avstemt før den sendes.",
    "Tidsfristene er satt ut fra det som er mulig å få til i en travel hverdag.",
    "Ansvaret ligger hos den som har pasienten til behandling til overføringen er bekreftet.",
    "Det bør gå tydelig fram hvem som gjør hva, og når.",
    "Avtalen revideres når regelverket eller tjenestetilbudet endres.",
]

# Sentences that name other parties, always without a modal verb behind the party word.
MENTIONS = [
    "Erfaringer fra {a} og {b} ligger til grunn for forslaget.",
    "I arbeidet deltok representanter for {a}, {b} og brukerne.",
    "Tilbakemeldinger fra {a} viser at ordningen fungerer godt i praksis.",
    "Både {a} og {b} har kommentert teksten i høringsrunden.",
    "Spørsmål om {a} og {b} er omtalt i en egen anbefaling.",
]

# Sentences for a responsible party: the alias may stand in front of a modal verb.
DUTY_SENTENCES = [
    "{A} skal sørge for at informasjonen er komplett før overføringen.",
    "{A} bør avklare behovet for oppfølging så tidlig som mulig.",
    "{A} må dokumentere hva som er avtalt, og hvem som har fått beskjed.",
    "{A} skal gi beskjed dersom planen endres.",
    "{A} bør bruke dialogmelding ved spørsmål som ikke haster.",
]

SUMMARIES = [
    "Vedtatt i arbeidsforum.", "Justert etter høringsrunden.", "Språklig gjennomgått.",
    "Fristene er endret etter innspill.", "Lagt til tabell over hvem som gjør hva.",
    "Sendt på høring.", "Første utkast.", "Oppdatert lenker til beslektede anbefalinger.",
]

LIST_ITEMS = [
    "hvilken behandling som er gitt, og hvorfor",
    "hvilke legemidler som er startet, endret eller seponert",
    "hvilke prøvesvar som ikke var klare ved utskrivning",
    "hvem som har ansvaret for videre oppfølging",
    "når neste kontroll er, og hvem som kaller inn",
    "hva pasienten selv har fått beskjed om",
    "hvilke hjelpemidler som er bestilt",
    "hvordan pårørende er involvert",
]

DEADLINES = ["Samme dag", "Innen 1 virkedag", "Innen 3 virkedager", "Innen 1 uke", "Ved behov", "Før utskrivning"]

SOURCE = "Syntetisk testinnhold for ytelsesmåling (Benchmarks/make-corpus.py)"

CLINICAL = [
    "pasient", "parorende", "fastlege", "sykehus", "legevakt", "kad", "helsehus", "sykehjem",
    "hjemmetjenesten", "bydel", "pko", "amk", "helsestasjon",
]
OWNERS = ["moteplass-arbeidsforum", "pko", "nfa-faggruppe-samhandling"]

# Named tasks (`task:` on a duty, `tasks.yml`): each theme once per clinical party, and a duty
# names only a task of its own party, so that no two recommendations give a task to two parties
# (`task-conflict`). Each task is named by thousands of duties at 10,000 recommendations, which
# is what `oppgaver/` has to split into pages.
TASK_THEMES = [
    ("timebestilling", "Timebestilling"), ("epikrise", "Epikrise"), ("legemiddelliste", "Legemiddelliste"),
    ("oppfolgingsplan", "Oppfølgingsplan"), ("henvisning", "Henvisning"), ("kontrolltime", "Kontrolltime"),
    ("pasientinformasjon", "Informasjon til pasienten"), ("dialogmelding", "Dialogmelding"),
    ("kontaktperson", "Kontaktperson"), ("samtale-med-parorende", "Samtale med pårørende"),
]
TASK_SHARE = 0.7


def q(text):
    """A YAML double-quoted scalar."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def cap(text):
    return text[:1].upper() + text[1:]


# ---------------------------------------------------------------------------------------------


class Corpus:
    def __init__(self, out, n, n_sets, seed, parties):
        self.out = out
        self.n = n
        self.n_sets = n_sets
        self.seed = seed
        self.parties = {p["id"]: p for p in parties}
        self.alias_owner = {}
        for p in parties:
            for a in p["aliases"]:
                self.alias_owner.setdefault(a, set()).add(p["id"])
        self.clinical = [p for p in CLINICAL if p in self.parties] or [p["id"] for p in parties]
        if len(self.clinical) < 4:
            sys.exit("make-corpus: parties.yml needs at least 4 parties")
        self.owners = [p for p in OWNERS if p in self.parties] or self.clinical[:1]
        self.files = 0
        self.bytes = 0
        # Plan every recommendation first, so that bodies can link to any of them.
        width = max(4, len(str(n)))
        self.recs = []
        per_set = -(-n // n_sets) if n else 1
        for i in range(1, n + 1):
            s = (i - 1) // per_set + 1
            r = random.Random(f"{seed}-plan-{i}")
            topic_slug, topic_title = r.choice(TOPICS)
            transition = r.choice(TRANSITIONS)
            self.recs.append({
                "i": i,
                "set": s,
                "id": f"BM-{s:02d}-{i:0{width}d}",
                "slug": f"{topic_slug}-{i:0{width}d}",
                "title": f"{topic_title} {transition} ({i})",
            })
        self.used_sets = sorted({rec["set"] for rec in self.recs}) or [1]

    # -- output -----------------------------------------------------------------------------

    def write(self, relative, text):
        path = self.out / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        data = text.encode("utf-8")
        path.write_bytes(data)
        self.files += 1
        self.bytes += len(data)

    def check_modals(self, relative, text, allowed):
        """Stops if a word containing the alias of a party outside `allowed` stands before a modal verb."""
        for m in MODAL_RE.finditer(text):
            before = WORD_BEFORE_RE.search(text, max(0, m.start() - 80), m.start())
            if not before:
                continue
            word = before.group(1).lower()
            for alias, owners in self.alias_owner.items():
                if alias in word and not owners & allowed:
                    sys.exit(f"make-corpus: internal error: {relative}: «{before.group(1)} {m.group(0)}» gives "
                             f"{sorted(owners)} a duty outside `responsible`")

    def alias(self, party_id):
        """The party as written in running text: its name when that is one of its aliases
        ("fastlegen", "KAD"), else its first alias."""
        party = self.parties[party_id]
        name = party["name"]
        if name.lower() in party["aliases"] or not party["aliases"]:
            return name if name.isupper() else name.lower()
        return party["aliases"][0]

    # -- files ------------------------------------------------------------------------------

    def copy_config(self):
        for name in ("site.yml", "parties.yml", "index.md"):
            src = CONTENT / name
            if not src.exists():
                sys.exit(f"make-corpus: {src} is missing")
            data = src.read_bytes()
            (self.out / name).write_bytes(data)
            self.files += 1
            self.bytes += len(data)

    def task_id(self, theme, party):
        return f"{theme}-{party}"

    def tasks(self):
        lines = []
        for party in self.clinical:
            for theme, title in TASK_THEMES:
                lines += [f"- id: {self.task_id(theme, party)}", f"  title: {q(title + ' (' + self.parties[party]['name'] + ')')}"]
        self.write("tasks.yml", "\n".join(lines) + "\n")

    def index_page_links(self):
        """The pages/<slug>.md files index.md links to: they have to exist."""
        text = (CONTENT / "index.md").read_text(encoding="utf-8")
        slugs = []
        for target in re.findall(r"\]\(([^)\s]+)", text):
            target = target.split("#", 1)[0]
            if not target.endswith(".md") or ":" in target:
                continue
            m = re.fullmatch(r"(?:\./)?pages/([a-z0-9]+(?:-[a-z0-9]+)*)\.md", target)
            if not m:
                sys.exit(f"make-corpus: index.md links to {target}, which this script cannot generate")
            slugs.append(m.group(1))
        return slugs

    def sets(self):
        for s in self.used_sets:
            r = random.Random(f"{self.seed}-set-{s}")
            members = [rec for rec in self.recs if rec["set"] == s]
            status = "vedtatt" if s % 5 else "høring"
            fm = [
                "---",
                f"id: BM-{s:02d}",
                f"title: {q(f'Syntetisk anbefalingssett {s:02d}: samarbeid mellom nivåene')}",
                f"status: {status}",
                f"owner: {r.choice(self.owners)}",
            ]
            if status == "vedtatt":
                fm.append(f"adopted: {2015 + s % 4}-{1 + s % 12:02d}")
            fm += [
                f"order: {s}",
                f"description: {q(f'Sett nummer {s} i det syntetiske testinnholdet, med {len(members)} anbefalinger.')}",
                f"source: {q(SOURCE)}",
                "---",
            ]
            body = [
                f"Dette settet samler {len(members)} syntetiske anbefalinger om samarbeid. " + r.choice(NEUTRAL),
                "",
                " ".join(r.sample(NEUTRAL, 3)),
                "",
            ]
            if members:
                first = members[0]
                body += [
                    f"Settet begynner med [{first['title']}](id:{first['id']}), og bakgrunnen står under "
                    f"[Forankring og mandat](../../pages/mandat.md).",
                    "",
                ]
            text = "\n".join(fm + body)
            relative = f"recommendations/set-{s:02d}/_set.md"
            self.check_modals(relative, text, set())
            self.write(relative, text)

    def recommendation(self, rec):
        r = random.Random(f"{self.seed}-rec-{rec['i']}")
        n_resp = r.randint(2, 4)
        responsible = r.sample(self.clinical, n_resp)
        others = [p for p in self.clinical if p not in responsible]
        status = "vedtatt" if r.random() < 0.8 else "høring"
        year = r.randint(2014, 2018)
        month = r.randint(1, 12)
        major = 1 if status == "vedtatt" else 0
        minor = r.randint(0, 3)
        patch = r.randint(0, 2)
        version = f"{major}.{minor}.{patch}"
        tags = r.sample(TAGS, r.randint(2, 4))

        fm = [
            "---",
            f"id: {rec['id']}",
            f"title: {q(rec['title'])}",
            f"version: {version}",
            f"status: {status}",
        ]
        if status == "vedtatt":
            fm.append(f"adopted: {year}-{month:02d}")
        if r.random() < 0.3:
            # Due after the release date of Content/site.yml (2018-11-07): not overdue.
            fm.append(f"review: {max(year + 3, 2019)}-{month:02d}")
        fm.append(f"owner: {r.choice(self.owners)}")
        fm.append("responsible:")
        # A stream of its own, so that the tasks leave the rest of the corpus as it was.
        tasks = random.Random(f"{self.seed}-task-{rec['i']}")
        for party in responsible:
            duties = r.sample(DUTIES, 2)
            fm += [f"  - party: {party}", "    duty: >-", f"      {duties[0]}", f"      {duties[1]}"]
            if tasks.random() < TASK_SHARE:
                fm.append(f"    task: {self.task_id(tasks.choice(TASK_THEMES)[0], party)}")
        fm += [
            "handover:",
            f"  - from: {responsible[0]}",
            f"    to: {responsible[1]}",
            f"    when: {r.choice(WHEN)}",
            f"tags: [{', '.join(tags)}]",
            "changelog:",
        ]
        # Newest first, versions descending, dates not after the adoption.
        versions = [(major, minor, patch)]
        if patch > 0:
            versions.append((major, minor, 0))
        if minor > 0:
            versions.append((major, 0, 0))
        for k, (ma, mi, pa) in enumerate(versions):
            y = year - k if year - k >= 2000 else year
            fm += [
                f"  - version: {ma}.{mi}.{pa}",
                f"    date: {y}-{month:02d}",
                f"    summary: {q(SUMMARIES[(rec['i'] + k) % len(SUMMARIES)])}",
            ]
        fm.append(f"source: {q(SOURCE)}")
        if status == "vedtatt":
            # Anchored on both sides, by a joint body or by one on each side (`endorsement-missing`
            # otherwise, the parties of Content/ having their `level`), from a stream of its own.
            anchor = random.Random(f"{self.seed}-endorsement-{rec['i']}")
            bodies = ([("Samarbeidsutvalget i Hovedstadsområdet", "felles")] if anchor.random() < 0.7 else
                      [("Helse- og omsorgsutvalget", "kommune"), ("Direktørmøtet i sykehuset", "spesialisthelsetjeneste")])
            fm.append("endorsements:")
            for body, level in bodies:
                fm += [f"  - by: {body}", f"    level: {level}", f"    date: {year}-{month:02d}-{anchor.randint(1, 28):02d}"]
        if status == "høring":
            # A consultation open on the release date of Content/site.yml (2018-11-07), from a
            # stream of its own, so that the rest of the corpus stays as it was.
            hearing = random.Random(f"{self.seed}-hearing-{rec['i']}")
            fm += ["hearing:", f"  deadline: 2018-12-{hearing.randint(1, 28):02d}", "  respond_to: horing@moteplass.example"]
        fm.append("---")

        # Links: two id: links to other recommendations, one relative .md link.
        targets = r.sample(range(self.n), min(3, self.n)) if self.n > 1 else [0]
        targets = [t for t in targets if t != rec["i"] - 1][:3] or [rec["i"] - 1]
        id_links = [self.recs[t] for t in targets[:2]]
        rel = self.recs[targets[-1]]
        if rel["set"] == rec["set"]:
            rel_path = f"{rel['slug']}.md"
        else:
            rel_path = f"../set-{rel['set']:02d}/{rel['slug']}.md"

        a = [self.alias(p) for p in responsible]
        o = [self.alias(p) for p in r.sample(others, 2)] if len(others) >= 2 else ["brukerne", "kommunen"]
        items = r.sample(LIST_ITEMS, r.randint(3, 5))
        body = [
            "## Anbefaling",
            "",
            f"Anbefalingen gjelder {rec['title'][0].lower() + rec['title'][1:]}. " + " ".join(r.sample(NEUTRAL, 2)),
            "",
            " ".join(cap(t.format(A=x)) for t, x in zip(r.sample(DUTY_SENTENCES, 2), a[:2])) + " " + r.choice(NEUTRAL),
            "",
            "Ved overføringen skal det gå fram",
            "",
        ]
        body += [f"- {item}," for item in items[:-1]] + [f"- {items[-1]}.", ""]
        body += [
            "## Hvem gjør hva",
            "",
            "| Part | Oppgave | Frist |",
            "|:-----|:--------|------:|",
        ]
        for party in responsible:
            duty = r.choice(DUTIES).rstrip(".")
            body.append(f"| {self.parties[party]['name']} | {duty} | {r.choice(DEADLINES)} |")
        body += [
            "",
            "## Begrunnelse",
            "",
            " ".join(r.sample(NEUTRAL, 3)) + " " + r.choice(MENTIONS).format(a=o[0], b=o[1]),
            "",
            " ".join(r.sample(NEUTRAL, 2)) + " " + cap(r.choice(DUTY_SENTENCES).format(A=a[-1])),
            "",
            f"Se også [{id_links[0]['title']}](id:{id_links[0]['id']})"
            + (f" og [{id_links[-1]['title']}](id:{id_links[-1]['id']}#begrunnelse)" if len(id_links) > 1 else "")
            + f", og den beslektede anbefalingen [{rel['title']}]({rel_path}).",
            "",
        ]
        text = "\n".join(fm + body)
        relative = f"recommendations/set-{rec['set']:02d}/{rec['slug']}.md"
        self.check_modals(relative, text, set(responsible))
        self.write(relative, text)

    def meetings(self, count=8):
        for k in range(count):
            r = random.Random(f"{self.seed}-meeting-{k}")
            year = 2019 + k // 4
            month = 2 + 3 * (k % 4)
            day = 1 + (7 * k) % 27
            slug = ["legemidler", "utskrivning", "psykisk-helse", "eldre", "barn", "kreft", "rus", "fall"][k % 8]
            date = f"{year}-{month:02d}-{day:02d}"
            related = [self.recs[t]["id"] for t in r.sample(range(self.n), min(3, self.n))] if self.n else []
            fm = [
                "---",
                f"id: BM-M-{date}",
                f"title: {q(f'Temamøte {k + 1}: {slug.replace(chr(45), chr(32))}')}",
                f"date: {date}",
                'start: "16:00"',
                'end: "19:00"',
                "venue: Store auditorium, Oslo",
                f"organisers: [{r.choice(self.owners)}, Oslo legeforening]",
                "accreditation: Godkjent som tellende møteserie",
                "programme:",
                '  - time: "16:00–16:15"',
                "    title: Velkommen",
                "    speakers: [Møteleder]",
                '  - time: "16:15–17:30"',
                f"    title: {q('Erfaringer fra praksis')}",
                "    speakers: [Foredragsholder 1, Foredragsholder 2]",
                '  - time: "17:45–19:00"',
                "    title: Diskusjon",
            ]
            if related:
                fm.append(f"related: [{', '.join(related)}]")
            fm += [
                f"description: {q('Syntetisk temamøte for ytelsesmåling.')}",
                f"source: {q(SOURCE)}",
                "---",
            ]
            body = [" ".join(r.sample(NEUTRAL, 3)), ""]
            if related:
                body += [f"Møtet tar opp [{related[0]}](id:{related[0]}) og beslektede anbefalinger.", ""]
            text = "\n".join(fm + body)
            relative = f"meetings/{date}-{slug}.md"
            self.check_modals(relative, text, set())
            self.write(relative, text)

    def pages(self):
        wanted = self.index_page_links() + ["medisinsk-samhandling", "effekt", "om-testinnholdet"]
        seen = []
        for slug in wanted:
            if slug not in seen:
                seen.append(slug)
        for order, slug in enumerate(seen, start=1):
            r = random.Random(f"{self.seed}-page-{slug}")
            title = cap(slug.replace("-", " "))
            link = seen[order % len(seen)]
            fm = [
                "---",
                f"title: {q(title)}",
                f"description: {q('Syntetisk side for ytelsesmåling.')}",
                f"order: {order}",
                f"source: {q(SOURCE)}",
                "---",
            ]
            body = [
                "## Bakgrunn",
                "",
                " ".join(r.sample(NEUTRAL, 4)),
                "",
                "## Arbeidsform",
                "",
                " ".join(r.sample(NEUTRAL, 3)) + f" Se også [{cap(link.replace('-', ' '))}]({link}.md).",
                "",
            ]
            text = "\n".join(fm + body)
            relative = f"pages/{slug}.md"
            self.check_modals(relative, text, set())
            self.write(relative, text)

    def checklist(self):
        fm = [
            "---",
            "id: vurderingsskjema-syntetisk",
            f"title: {q('Syntetisk vurderingsskjema')}",
            "version: 0.1.0",
            "status: høring",
            f"owner: {self.owners[-1]}",
            "hearing:",
            "  deadline: 2018-12-14",
            "  respond_to: https://moteplass.example/horing/vurderingsskjema",
            "questions:",
        ]
        for k, (qid, text) in enumerate([
            ("oppgaven", "Hva går oppgaven ut på?"),
            ("kunnskapsbasert", "Er innholdet kunnskapsbasert?"),
            ("lovverk", "Kan endringen skje innenfor gjeldende regelverk?"),
            ("ressurser", "Er ressursene som trengs, avklart?"),
        ]):
            fm += [f"  - id: {qid}", f"    text: {q(text)}", f"    answer: {'text' if k == 0 else 'yes-no-unsure'}"]
            if k:
                fm.append("    comment: Begrunn svaret.")
        fm += [f"source: {q(SOURCE)}", "---"]
        text = "\n".join(fm + [" ".join(NEUTRAL[:3]), "", "Se også [Mandat](../pages/mandat.md).", ""])
        self.check_modals("checklists/vurderingsskjema-syntetisk.md", text, set())
        self.write("checklists/vurderingsskjema-syntetisk.md", text)

    def run(self):
        self.copy_config()
        self.tasks()
        self.sets()
        for rec in self.recs:
            self.recommendation(rec)
        self.meetings()
        self.pages()
        self.checklist()


def main():
    parser = argparse.ArgumentParser(description="Writes a synthetic content folder for benchmarking moteplass.")
    parser.add_argument("out_dir", metavar="OUT_DIR", help="where to write the content folder (must be empty or absent)")
    parser.add_argument("--recommendations", type=int, default=10000, metavar="N", help="number of recommendations (default 10000)")
    parser.add_argument("--sets", type=int, default=50, metavar="S", help="number of recommendation sets (default 50, at most 99)")
    parser.add_argument("--seed", default="moteplass-bench-1", help="seed of the generator (default: fixed)")
    parser.add_argument("--force", action="store_true", help="delete OUT_DIR first if it exists")
    args = parser.parse_args()
    if args.recommendations < 1:
        parser.error("--recommendations must be at least 1")
    if not 1 <= args.sets <= 99:
        parser.error("--sets must be between 1 and 99")

    out = Path(args.out_dir)
    if out.exists() and any(out.iterdir()):
        if not args.force:
            parser.error(f"{out} is not empty (use --force to replace it)")
        shutil.rmtree(out)
    out.mkdir(parents=True, exist_ok=True)

    corpus = Corpus(out, args.recommendations, args.sets, args.seed, read_parties(CONTENT / "parties.yml"))
    corpus.run()
    print(f"make-corpus: {corpus.files} files, {corpus.bytes / 1e6:.1f} MB "
          f"({args.recommendations} recommendations in {len(corpus.used_sets)} sets) in {out}")


if __name__ == "__main__":
    main()
