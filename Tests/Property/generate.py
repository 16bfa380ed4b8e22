#!/usr/bin/env python3
"""Random *valid* content in Møteplass Oslo's format, the same for the same seed.

    Tests/Property/generate.py --seed N --out DIR [--small]

Writes a complete content folder (site.yml, parties.yml, index.md, sets and recommendations,
meetings, checklists, free pages) that the validator must accept without errors (warnings are
allowed: a party listed twice in `responsible`, a link to a draft, raw HTML, an overdue review …),
and whose built site must be valid HTML with working links (Tests/Property/check.py).

It is shaped to look where fixtures do not: titles of one word and of hundreds of characters,
Markdown, quotes, `<`, `&`, emoji and æøå in every text; ids that differ only in case or number;
the same party more than once in `responsible`; empty optional lists; many handovers; tables,
nested lists, block quotes, code, headings that repeat or that spell the page's own ids;
`id:` links and relative `.md` links (with and without `#fragment`) and external ones; sets with
one recommendation and, now and then, with hundreds; duties with a `task:` (each task always given
to the same party, so no two recommendations conflict) and, in half the seeds, a `tasks.yml`
that names every task used and a few more; parties' `level`s and recommendations' `endorsements`
(any sides, so `endorsement-missing` comes and goes); `feedback` with an address, a form (with a
query of its own, or æøå), or both; meetings on the same day; checklist
questions of both answer types with ids that spell each other's field ids; free pages.
Some files get CRLF line endings or a byte order mark. `--small` leaves out the big set (for the
few seeds `make test` runs).

Every front matter is written by hand (plain, single- and double-quoted scalars, flow lists,
folded blocks) and read back with PyYAML's BaseLoader to make sure it says what was
meant.
"""
import argparse
import datetime
import random
import re
import shutil
import sys
import unicodedata
from pathlib import Path

import yaml

LEVELS = ["kommune", "spesialisthelsetjeneste", "pasient", "felles"]
CONTRACT_PARTIES = [
    ("pasient", "Pasienten", ["pasient", "pasienten", "pasientene"]),
    ("parorende", "Pårørende", ["pårørende"]),
    ("fastlege", "Fastlegen", ["fastlege", "fastlegen", "fastleger", "fastlegens"]),
    ("sykehus", "Sykehuset", ["sykehus", "sykehuset", "spesialisthelsetjenesten"]),
    ("legevakt", "Legevakten", ["legevakt", "legevakten"]),
    ("kad", "KAD", ["kad"]),
    ("helsehus", "Helsehuset", ["helsehus", "helsehuset"]),
    ("sykehjem", "Sykehjemmet", ["sykehjem", "sykehjemmet"]),
    ("hjemmetjenesten", "Hjemmetjenesten", ["hjemmetjenesten", "hjemmesykepleien"]),
    ("bydel", "Bydelen", ["bydel", "bydelen", "saksbehandleren"]),
    ("pko", "PKO", ["pko"]),
    ("amk", "AMK", ["amk"]),
    ("helsestasjon", "Helsestasjonen", ["helsestasjon", "helsestasjonen"]),
    ("moteplass-arbeidsforum", "Arbeidsforumet i Møteplass Oslo", []),
    ("nfa-faggruppe-samhandling", "NFAs faggruppe for samhandling", []),
]

WORDS = (
    "fastlegen sykehuset pasienten epikrise utskrivning henvisning timebestilling legevakten oppfølging ansvar "
    "samhandling prøvesvar resept legemiddelliste kommunen hjemmesykepleien bydelen vurdering tiltak rutine "
    "overføring innleggelse kontroll behandling dialogmelding journal pårørende sykehjem helsehuset plan "
    "og i på for med til av som skal bør må etter før når der at den det en et om ved hos fra innen "
    "raskt samme dag uke måned år straks gjerne alltid aldri tydelig skriftlig muntlig digitalt"
).split()

SPECIALS = [
    "æøå", "ÆØÅ", "Ærlig", "Østensjø", "Åsen", "«sitat»", "\"anførsel\"", "'apostrof'", "it's", "A&O", "a < b",
    "b > a", "1 < 2 && 3 > 2", "<b>fet?</b>", "<script>alert(1)</script>", "</textarea>", "{{title}}", "{{{x}}}",
    "&amp;", "&lt;", "&#169;", "🩺", "💊", "👩‍⚕️", "🇳🇴", "—", "–", "…", "½", "café", "naïve", "Ünïcödé", "50 %",
    "C:\\sti", "#1", "nr. 3", "@navn", "e-post@example.org", "x|y", "[klammer]", "(parentes)", "*stjerne*", "_under_",
    "`kode`", "~tilde~", "^hatt", "\\", "%", "100$", "ß", "Ωμέγα", "Привет", "עברית", "العربية", "漢字",
    # Invisible but allowed: no-break space, zero-width space, soft hyphen, a right-to-left
    # override and its end, a combining accent (control characters are errors: encoding-invalid).
    "a\u00a0b", "sam\u200bhandling", "lege\u00advakt", "\u202eabc\u202c", "e\u0301",
]

HEADINGS = [
    "Bakgrunn", "Bakgrunn", "Bakgrunn 2", "Begrunnelse", "Hvem gjør hva", "Seksjon hvem gjør hva", "Hovedinnhold",
    "Søkefelt", "Sok", "Sok treff", "Partfilter", "Oppgave fastlege", "Oppgave pasient", "Svar", "Svar a yes",
    "Hjelp a", "Kommentar a", "Sporsmal a", "Skjema", "Seksjon endret", "Seksjon trukket", "Seksjon sett",
    "Seksjon moter", "Seksjon kommende", "Endringslogg", "Erstatter", "Møter om emnet", "Tiltak", "Tiltak",
    "Tiltak-2", "Oppfølging etter utskrivning", "Hva gjør fastlegen?", "🩺", "---", "Avsnitt", "1", "2",
    "Ærlig talt", "A & B < C", "**Fet** overskrift", "Lenke til [mandatet](https://example.org)", "`kode`",
]

TAGS = ["utskrivning", "epikrise", "legevakt", "prøvesvar", "Henvisning", "æøå", "a&b", "<tag>", "🩺", "2018",
        "lang emneordtekst med mellomrom", "x"]


class Generator:
    def __init__(self, seed, small):
        self.rng = random.Random(seed)
        self.seed = seed
        self.small = small
        self.files = {}  # relative path -> text

    # --- small helpers -------------------------------------------------------------------------
    def chance(self, p):
        return self.rng.random() < p

    def pick(self, items):
        return self.rng.choice(items)

    def word(self):
        return self.pick(WORDS)

    def words(self, low, high):
        return " ".join(self.word() for _ in range(self.rng.randint(low, high)))

    def special(self):
        return self.pick(SPECIALS)

    def plain_text(self, low=1, high=8, specials=0.3):
        """Text with no Markdown meaning intended (titles, names, help texts): words and specials."""
        parts = []
        for _ in range(self.rng.randint(low, high)):
            parts.append(self.special() if self.chance(specials) else self.word())
        text = " ".join(parts)
        return text[0].upper() + text[1:] if text[0].isalpha() else text

    def title(self):
        kind = self.rng.random()
        if kind < 0.1:
            return self.pick(["X", "Å", "Utskrivning", "🩺", "A&B", "«Ja»", "1"])
        if kind < 0.17:
            return self.plain_text(40, 70, 0.2)
        return self.plain_text(1, 9)

    # --- Markdown --------------------------------------------------------------------------------
    def inline(self, doc, low=3, high=14):
        """Inline Markdown: emphasis, code, links of every kind, entities, specials."""
        parts = []
        for _ in range(self.rng.randint(low, high)):
            r = self.rng.random()
            if r < 0.5:
                parts.append(self.word())
            elif r < 0.6:
                parts.append(self.emphasis())
            elif r < 0.65:
                parts.append("`" + self.pick(["kode", "<h2>", "a & b", "x|y", "*ikke*", "id:MO"]) + "`")
            elif r < 0.78:
                parts.append(self.link(doc))
            elif r < 0.82:
                parts.append(self.pick(["<https://example.org/a?b=1&c=2>", "www.example.com", "https://example.net/sti",
                                        "post@example.org"]))
            elif r < 0.86:
                parts.append(self.pick(["&amp;", "&lt;", "&gt;", "&quot;", "&#38;", "&copy;", "&nbsp;", "\\*", "\\_",
                                        "\\<", "\\[", "\\|"]))
            else:
                parts.append(self.special_inline())
        text = " ".join(parts)
        return text

    def special_inline(self):
        # In running Markdown, `<b>` would be raw HTML (a warning, not an error): keep it rarer.
        s = self.special()
        if "<" in s and ">" in s and not self.chance(0.2):
            return "a < b"
        return s

    def emphasis(self):
        marker = self.pick(["**", "*", "_", "~~", "***"])
        inner = self.words(1, 3)
        if marker == "_":
            return "_" + inner + "_"
        return marker + inner + marker

    def link(self, doc):
        text = self.pick([self.words(1, 3), self.special_inline(), "**" + self.word() + "**", "`kode`", "🩺"])
        target = self.link_target(doc)
        if target is None:
            return text.replace("[", "").replace("]", "")
        return f"[{text}]({target})"

    def link_target(self, doc):
        """An `id:` link, a relative `.md` link (either may carry a fragment that exists) or an
        external one, from the document at `doc` (its path relative to the content folder)."""
        r = self.rng.random()
        if r < 0.15:
            return self.pick(["https://example.org", "https://example.org/sti?a=1&b=2#del", "mailto:post@example.org",
                              "http://example.com/æøå", "https://example.org/<x>"]).replace("<", "%3C").replace(">", "%3E")
        if r < 0.45 and self.linkable_ids:
            target_id, target_path = self.pick(self.linkable_ids)
            fragment = self.fragment_for(target_path)
            return f"id:{target_id}" + (f"#{fragment}" if fragment else "")
        if r < 0.55:
            # A link within the page: to the main content, which every page has.
            return "#hovedinnhold"
        if self.linkable_paths:
            target_path = self.pick(self.linkable_paths)
            fragment = self.fragment_for(target_path)
            relative = relative_path(doc, target_path)
            if self.chance(0.1) and not relative.startswith("."):
                relative = "./" + relative
            return relative + (f"#{fragment}" if fragment else "")
        return None

    def fragment_for(self, target_path):
        anchors = self.anchors.get(target_path, [])
        if anchors and self.chance(0.35):
            return self.pick(anchors)
        return None

    def heading_text(self, doc):
        if self.chance(0.15):
            return self.plain_text(1, 5)
        return self.pick(HEADINGS)

    def body(self, doc, blocks=(2, 10), heading_texts=None):
        """A GFM body. `heading_texts`, if given, are the headings to use (planned beforehand so
        that links from other files can name their anchors)."""
        out = []
        headings = list(heading_texts or [])
        count = self.rng.randint(*blocks)
        for i in range(count):
            if headings and (self.chance(0.4) or count - i <= len(headings)):
                level = self.pick([1, 2, 2, 2, 3, 3, 4, 5, 6])
                text = headings.pop(0)
                if self.chance(0.1) and "\n" not in text and not text.startswith("-") and text.strip("- ") != "":
                    out.append(text + "\n" + ("=" if level == 1 else "-") * max(3, len(text) // 2))
                else:
                    out.append("#" * level + " " + text + self.pick(["", "", " ##", " #"]))
                continue
            out.append(self.block(doc, depth=0))
        for text in headings:
            out.append("## " + text)
        return "\n\n".join(out) + "\n"

    def block(self, doc, depth):
        r = self.rng.random()
        if r < 0.35:
            return self.paragraph(doc)
        if r < 0.5:
            return self.list_block(doc, depth)
        if r < 0.6:
            return self.table(doc)
        if r < 0.67 and depth < 2:
            inner = self.block(doc, depth + 1)
            if self.chance(0.3):
                inner = "### " + self.pick(HEADINGS) + "\n\n" + inner
            return "\n".join("> " + line if line else ">" for line in inner.split("\n"))
        if r < 0.74:
            lang = self.pick(["", "swift", "html", "yaml", "text"])
            content = self.pick([
                "<h2 id=\"hovedinnhold\">Ikke en overskrift</h2>",
                "let a = b < c && d > e",
                "---\ntitle: ikke front matter\n---",
                "| ikke | tabell |\n|---|---|",
                "```",
                "[lenke](id:FINNES-IKKE)",
            ])
            fence = "~~~" if "```" in content else "```"
            return f"{fence}{lang}\n{content}\n{fence}"
        if r < 0.77:
            return "    innrykket kode <b>&amp;</b>\n    linje 2"
        if r < 0.8:
            return self.pick(["---", "***", "___", "- - -"])
        if r < 0.83:
            # Raw HTML: the validator warns (html-raw) and the build leaves it out.
            return self.pick([
                "<div class=\"boks\">Viktig</div>",
                "<h2 id=\"hovedinnhold\">Rå overskrift</h2>",
                "<table><tr><td>rå</td></tr></table>",
                "<!-- kommentar -->",
                "<details><summary>Mer</summary>\n\nSkjult tekst\n\n</details>",
            ])
        if r < 0.86:
            label = self.pick(["ref", "Ref 2", "æøå"])
            target = self.link_target(doc) or "https://example.org"
            return f"Se [{self.word()}][{label}] og [{label}].\n\n[{label}]: {target}"
        if r < 0.9:
            return self.paragraph(doc) + "  \n" + self.paragraph(doc) + "\\\n" + self.words(1, 4)
        return self.paragraph(doc)

    def paragraph(self, doc):
        text = self.inline(doc, 4, 30)
        # A line must not begin like a block (list, heading, quote, table, code).
        text = re.sub(r"^[-+*#>|=~`0-9 ]+", "", text) or "Tekst"
        return text

    def list_block(self, doc, depth):
        ordered = self.chance(0.35)
        task = not ordered and self.chance(0.25)
        start = self.pick([1, 1, 3, 10]) if ordered else 1
        marker = self.pick(["-", "*", "+"])
        lines = []
        for n in range(self.rng.randint(1, 6)):
            prefix = f"{start + n}. " if ordered else f"{marker} "
            if task:
                prefix += self.pick(["[ ] ", "[x] ", "[X] "])
            indent = " " * len(prefix)
            item = self.paragraph(doc)
            lines.append(prefix + item)
            if depth < 3 and self.chance(0.3):
                nested = self.list_block(doc, depth + 1)
                lines.append("")
                lines.extend(indent + line if line else "" for line in nested.split("\n"))
            elif self.chance(0.1):
                lines.append("")
                lines.append(indent + self.paragraph(doc))
        return "\n".join(lines)

    def table(self, doc):
        columns = self.rng.randint(1, 6)
        def cell():
            r = self.rng.random()
            if r < 0.15:
                return ""
            if r < 0.25:
                return "a \\| b"
            text = self.inline(doc, 1, 4)
            return text.replace("|", "\\|")
        header = "| " + " | ".join(cell() or self.word() for _ in range(columns)) + " |"
        align = "|" + "|".join(self.pick(["---", ":---", "---:", ":---:", "-"]) for _ in range(columns)) + "|"
        rows = []
        for _ in range(self.rng.randint(0, 6)):
            n = max(1, columns + self.pick([0, 0, 0, -1, 1]))
            rows.append("| " + " | ".join(cell() for _ in range(n)) + " |")
        return "\n".join([header, align] + rows)

    # --- YAML ------------------------------------------------------------------------------------
    def scalar(self, value, indent):
        """One scalar in a random, correct style."""
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, int):
            return str(value)
        text = value
        if is_plain_safe(text) and self.chance(0.6):
            return text
        if printable(text) and self.chance(0.3):
            return "'" + text.replace("'", "''") + "'"
        if len(text) > 60 and self.chance(0.5) and folded_safe(text):
            return self.folded(text, indent)
        if literal_safe(text) and self.chance(0.6):
            pad = " " * (indent + 2)
            return "|-\n" + "\n".join(pad + line if line else "" for line in text.split("\n"))
        return double_quoted(text)

    def folded(self, text, indent):
        lines, line = [], ""
        for word in text.split(" "):
            if line and len(line) + len(word) > 50:
                lines.append(line)
                line = word
            else:
                line = f"{line} {word}" if line else word
        lines.append(line)
        pad = " " * (indent + 2)
        return ">-\n" + "\n".join(pad + l for l in lines)

    def emit(self, value, indent=0):
        """A mapping or list (block style, sometimes flow lists) as YAML lines."""
        pad = " " * indent
        lines = []
        if isinstance(value, dict):
            for key, item in value.items():
                if isinstance(item, (dict, list)) and item:
                    if isinstance(item, list) and all(isinstance(x, str) and flow_safe(x) for x in item) and self.chance(0.5):
                        lines.append(f"{pad}{key}: [" + ", ".join(item) + "]")
                    else:
                        lines.append(f"{pad}{key}:")
                        lines.extend(self.emit(item, indent + 2 if isinstance(item, dict) else indent + self.pick([0, 2])))
                elif isinstance(item, (dict, list)):
                    lines.append(f"{pad}{key}: " + ("{}" if isinstance(item, dict) else "[]"))
                else:
                    lines.append(f"{pad}{key}: " + self.scalar(item, indent))
        else:
            for item in value:
                if isinstance(item, dict):
                    sub = self.emit(item, indent + 2)
                    sub[0] = pad + "- " + sub[0][indent + 2:]
                    lines.extend(sub)
                elif isinstance(item, list):
                    lines.append(pad + "-")
                    lines.extend(self.emit(item, indent + 2))
                else:
                    lines.append(pad + "- " + self.scalar(item, indent + 2))
        return lines

    def write(self, path, data, body=None):
        yaml_text = "\n".join(self.emit(data)) + "\n"
        read_back = yaml.load(yaml_text, Loader=yaml.BaseLoader)
        if read_back != stringify(data):
            raise SystemExit(f"generate.py: the YAML for {path} does not read back as meant:\n{yaml_text}")
        if body is None:
            self.files[path] = yaml_text
        else:
            self.files[path] = "---\n" + yaml_text + "---\n" + body

    # --- the site --------------------------------------------------------------------------------
    def generate(self):
        rng = self.rng
        release_date = datetime.date(2018, 1, 1) + datetime.timedelta(days=rng.randint(0, 2500))
        self.release_date = release_date
        release = self.pick([f"{release_date.year}.{rng.randint(1, 3)}", f"p{self.seed}", "1.0", "v2_rc-1"])
        site = {
            "title": self.title(),
            "base_url": self.pick(["https://prop.example/", "https://prop.example/sti/", "https://prop.example/a/b-c/"]),
            "release": release,
            "release_date": release_date.isoformat(),
            "organisation": self.plain_text(1, 5),
        }
        if self.chance(0.6):
            site["description"] = self.plain_text(3, 20)
        if self.chance(0.5):
            site["secretariat"] = self.plain_text(1, 6)
        if self.chance(0.2):
            site["timezone"] = "Europe/Oslo"
        if self.chance(0.2):
            site["language"] = "nb"
        if self.chance(0.5):
            # Readers' comments and deviation reports: an address, a form, or both.
            feedback = {}
            if self.chance(0.7):
                feedback["email"] = self.pick(["pko@prop.example", "innspill.avvik@sykehus.prop.example", "a+b@x.example"])
            if not feedback or self.chance(0.4):
                feedback["url"] = self.pick(["https://skjema.prop.example/innspill", "https://prop.example/s?kilde=nett&x=1",
                                             "http://prop.example/æøå"])
            site["feedback"] = feedback
        self.write("site.yml", site)

        # Parties: the contract's, then some of our own (names with specials).
        parties = []
        for pid, name, aliases in CONTRACT_PARTIES:
            party = {"id": pid, "name": name}
            if self.chance(0.4):
                party["description"] = self.plain_text(3, 12)
            if aliases or self.chance(0.2):
                party["aliases"] = aliases
            if self.chance(0.7):
                party["level"] = self.pick(LEVELS)
            parties.append(party)
        for n in range(rng.randint(0, 6)):
            pid = self.pick(["part", "ekstra", "x", "a1", "lang-part-med-mange-ledd"]) + f"-{n}"
            party = {"id": pid, "name": self.title()}
            if self.chance(0.5):
                party["aliases"] = [] if self.chance(0.3) else [self.word() for _ in range(rng.randint(1, 3))]
            parties.append(party)
        self.party_ids = [p["id"] for p in parties]
        self.write("parties.yml", parties)
        self.tasks_by_party = {}  # party id -> the tasks only that party is given
        self.task_ids = []        # every task, in the order they were made

        # Plan every file first, so that links can name their targets and anchors.
        self.linkable_ids = []    # (id, path) of pages with a body a fragment can point into
        self.linkable_paths = []  # paths of documents whose page is published with its body
        self.anchors = {}         # path -> anchors that exist on its page

        sets = []
        used_ids = set()

        def new_id(base):
            # Ids that differ only in case or in number.
            candidates = [base, base.lower(), base + "0", base.replace("-", "_"), base + ".1", base + "-01", base + "-1"]
            for candidate in candidates:
                if candidate not in used_ids:
                    used_ids.add(candidate)
                    return candidate
            n = 2
            while f"{base}-{n}" in used_ids:
                n += 1
            used_ids.add(f"{base}-{n}")
            return f"{base}-{n}"

        big = not self.small and self.chance(0.08)
        set_count = rng.randint(1, 4)
        statuses = ["vedtatt", "vedtatt", "retningslinje", "høring", "utkast", "trukket"]
        for s in range(set_count):
            slug = self.pick(["fastlege-sykehus", "legevakt", "a", "sett", "x1"]) + f"-{s}"
            set_status = self.pick(["vedtatt", "vedtatt", "høring", "retningslinje", "utkast", "trukket"])
            size = rng.randint(100, 250) if big and s == 0 else self.pick([1, 1, 2, 3, 5, 8])
            prefix = self.pick(["MO-FS", "MO-HL", "T", "mo-fs", "A.B", "X_Y"])
            set_id = new_id(prefix)
            recs = []
            for r in range(size):
                rec_slug = self.pick(["timebestilling", "henvisning", "r", "epikrise", "prove-svar"]) + f"-{r}"
                rec_id = new_id(f"{prefix}-{self.pick(['0', '', '00'])}{r + 1}" if size < 20 else f"{prefix}-{r + 1}")
                status = self.pick(statuses)
                recs.append({"slug": rec_slug, "id": rec_id, "status": status,
                             "path": f"recommendations/{slug}/{rec_slug}.md",
                             "headings": [self.heading_text(None) for _ in range(rng.randint(0, 5))]})
            sets.append({"slug": slug, "id": set_id, "status": set_status, "recs": recs,
                         "path": f"recommendations/{slug}/_set.md",
                         "headings": [self.heading_text(None) for _ in range(rng.randint(0, 3))]})

        meetings = []
        day = release_date + datetime.timedelta(days=rng.randint(-400, 200))
        for m in range(rng.randint(0, 7)):
            if m and self.chance(0.4):
                pass  # the same day as the one before
            else:
                day = day + datetime.timedelta(days=rng.randint(1, 90))
            slug = f"{day.isoformat()}-{self.pick(['temamote', 'mote', 'a', 'fall-og-brudd'])}-{m}"
            meetings.append({"slug": slug, "date": day, "id": new_id(f"MO-M-{day.isoformat()}"),
                             "path": f"meetings/{slug}.md",
                             "headings": [self.heading_text(None) for _ in range(rng.randint(0, 3))]})

        checklists = []
        for c in range(self.pick([0, 1, 1, 1, 2, 3])):
            slug = self.pick(["vurderingsskjema", "skjema", "a"]) + f"-{c}"
            cid = self.pick(["vurderingsskjema-omfordeling", "skjema", "a", "sjekkliste"]) + f"-{c}"
            used_ids.add(cid)
            checklists.append({"slug": slug, "id": cid, "status": self.pick(["vedtatt", "høring", "høring", "utkast", "retningslinje"]),
                               "path": f"checklists/{slug}.md",
                               "headings": [self.heading_text(None) for _ in range(rng.randint(0, 3))]})

        pages = []
        for p in range(rng.randint(0, 5)):
            slug = self.pick(["om", "mandat", "kontakt", "a", "om-moteplass-oslo", "x-1"]) + f"-{p}"
            pages.append({"slug": slug, "path": f"pages/{slug}.md",
                          "headings": [self.heading_text(None) for _ in range(rng.randint(0, 4))]})
        index_headings = [self.heading_text(None) for _ in range(rng.randint(0, 3))]

        # What a link may point at: documents published with their body in this build. Drafts are
        # linked too (a warning; the link becomes text), but not with a fragment.
        def published(status):
            return status not in ("utkast",)

        def note(path, headings, body_shown):
            self.linkable_paths.append(path)
            if body_shown:
                self.anchors[path] = anchor_ids(headings)

        note("index.md", index_headings, True)
        for st in sets:
            note(st["path"], st["headings"], published(st["status"]))
            self.linkable_ids.append((st["id"], st["path"]))
            for rec in st["recs"]:
                shown = published(st["status"]) and published(rec["status"]) and rec["status"] != "trukket"
                note(rec["path"], rec["headings"], shown)
                self.linkable_ids.append((rec["id"], rec["path"]))
        for meeting in meetings:
            note(meeting["path"], meeting["headings"], True)
            self.linkable_ids.append((meeting["id"], meeting["path"]))
        for checklist in checklists:
            note(checklist["path"], checklist["headings"], published(checklist["status"]))
            self.linkable_ids.append((checklist["id"], checklist["path"]))
        for page in pages:
            note(page["path"], page["headings"], True)
        # Big sets: links only to a sample, or every body would link everywhere.
        if len(self.linkable_ids) > 60:
            self.linkable_ids = rng.sample(self.linkable_ids, 60)
            self.linkable_paths = rng.sample(self.linkable_paths, 60)

        all_recs = [rec for st in sets for rec in st["recs"]]
        rec_ids = [rec["id"] for rec in all_recs]

        # index.md
        index = {"title": self.title()}
        if self.chance(0.5):
            index["description"] = self.plain_text(3, 15)
        if self.chance(0.3):
            index["source"] = self.plain_text(2, 10)
        self.write("index.md", index, self.body("index.md", (1, 6), index_headings))

        for order, st in enumerate(sets):
            data = {"id": st["id"], "title": self.title(), "status": st["status"], "owner": self.pick(self.party_ids)}
            if self.chance(0.5):
                data["adopted"] = self.date_text()
            if self.chance(0.6):
                data["order"] = self.pick([order, order, 0, -1, 1000, 1])
            if self.chance(0.5):
                data["description"] = self.plain_text(3, 15)
            if self.chance(0.3):
                data["source"] = self.plain_text(2, 10)
            self.write(st["path"], data, self.body(st["path"], (0, 5), st["headings"]))
            for rec in st["recs"]:
                self.recommendation(rec, rec_ids)

        for meeting in meetings:
            data = {"id": meeting["id"], "title": self.title(), "date": meeting["date"].isoformat()}
            start = None
            if self.chance(0.7):
                start = rng.randint(7, 18) * 60 + self.pick([0, 15, 30, 45])
                data["start"] = clock(start)
                if self.chance(0.8):
                    data["end"] = clock(start + rng.randint(1, 300) if start + 300 < 24 * 60 else start + 1)
            elif self.chance(0.2):
                data["end"] = clock(rng.randint(8, 20) * 60)
            if self.chance(0.7):
                data["venue"] = self.plain_text(1, 8)
            if self.chance(0.7):
                data["organisers"] = [] if self.chance(0.15) else [
                    self.pick(self.party_ids) if self.chance(0.6) else self.plain_text(1, 4) for _ in range(rng.randint(1, 4))]
            if self.chance(0.5):
                data["accreditation"] = self.pick(["Godkjent som tellende møteserie", self.plain_text(2, 8)])
            if self.chance(0.7):
                programme = []
                t = (start or 16 * 60)
                for _ in range(rng.randint(0, 12)):
                    item = {}
                    if self.chance(0.8) and t + 30 < 24 * 60:
                        if self.chance(0.5) and t + 60 < 24 * 60:
                            item["time"] = clock(t) + self.pick(["–", "-", " – "]) + clock(t + 30)
                        else:
                            item["time"] = clock(t)
                        t += 30
                    item["title"] = self.title()
                    if self.chance(0.7):
                        item["speakers"] = [] if self.chance(0.2) else [self.plain_text(1, 4) for _ in range(rng.randint(1, 3))]
                    programme.append(item)
                data["programme"] = programme
            if self.chance(0.5) and rec_ids:
                data["related"] = [] if self.chance(0.2) else rng.sample(rec_ids, min(len(rec_ids), rng.randint(1, 4)))
            if self.chance(0.5):
                data["description"] = self.plain_text(3, 15)
            if self.chance(0.3):
                data["source"] = self.plain_text(2, 10)
            self.write(meeting["path"], data, self.body(meeting["path"], (0, 6), meeting["headings"]))

        for checklist in checklists:
            data = {"id": checklist["id"], "title": self.title(), "version": self.version(), "status": checklist["status"],
                    "owner": self.pick(self.party_ids)}
            pool = ["a", "a-yes", "a-no", "a-unsure", "yes", "ja", "svar", "svar-a", "hjelp", "hjelp-a", "kommentar",
                    "kommentar-a", "b", "q1", "q10", "q-1", "medisinsk-ansvar", "sporsmal-a", "1", "x-y-z"]
            ids = rng.sample(pool, rng.randint(1, min(len(pool), 14)))
            if self.chance(0.15):
                ids += [f"sporsmal-{n}" for n in range(rng.randint(10, 30))]
            questions = []
            for qid in ids:
                q = {"id": qid, "text": self.pick([self.plain_text(2, 20), self.title()])}
                if self.chance(0.5):
                    q["help"] = self.plain_text(2, 25)
                q["answer"] = self.pick(["yes-no-unsure", "text"])
                if self.chance(0.5):
                    q["comment"] = self.plain_text(1, 8)
                if self.chance(0.3):
                    q["required"] = self.chance(0.5)
                questions.append(q)
            data["questions"] = questions
            if self.chance(0.3):
                data["source"] = self.plain_text(2, 10)
            self.write(checklist["path"], data, self.body(checklist["path"], (0, 5), checklist["headings"]))

        for order, page in enumerate(pages):
            data = {"title": self.title()}
            if self.chance(0.4):
                data["description"] = self.plain_text(3, 15)
            if self.chance(0.6):
                data["order"] = self.pick([order, 1, 0, 99])
            if self.chance(0.3):
                data["source"] = self.plain_text(2, 10)
            self.write(page["path"], data, self.body(page["path"], (1, 12), page["headings"]))

        # tasks.yml: when it exists, it must name every task a duty uses.
        if self.chance(0.5):
            for _ in range(rng.randint(0, 3)):
                self.new_task()  # named, but given to no one
            tasks = []
            for tid in self.task_ids if self.chance(0.5) else rng.sample(self.task_ids, len(self.task_ids)):
                task = {"id": tid, "title": self.title()}
                if self.chance(0.4):
                    task["description"] = self.plain_text(3, 15)
                tasks.append(task)
            self.write("tasks.yml", tasks)

    def new_task(self):
        """A task id not used before: slugs that read like tasks, and ones that spell the page's own ids."""
        base = self.pick(["timebestilling-etter-utskrivning", "epikrise", "a", "1", "hovedinnhold", "sokefelt",
                          "oppgave-fastlege", "x-y-z", "oppfolging-2"])
        tid, n = base, 2
        while tid in self.task_ids:
            tid, n = f"{base}-{n}", n + 1
        self.task_ids.append(tid)
        return tid

    def task_for(self, party):
        """A task of `party`: one of its own, or a new one that becomes its own."""
        own = self.tasks_by_party.setdefault(party, [])
        if not own or (len(own) < 4 and self.chance(0.3)):
            own.append(self.new_task())
        return self.pick(own)

    def recommendation(self, rec, rec_ids):
        rng = self.rng
        status = rec["status"]
        data = {"id": rec["id"], "title": self.title(), "version": self.version(), "status": status}
        if status in ("vedtatt", "retningslinje") or self.chance(0.3):
            data["adopted"] = self.date_text()
        if self.chance(0.4):
            data["review"] = self.date_text(later=True)
        data["owner"] = self.pick(self.party_ids)
        if status != "trukket" or self.chance(0.3):
            responsible = []
            count = self.pick([1, 1, 2, 3, 4, 6, 9])
            for _ in range(count):
                # The same party may well come twice (valid, with a warning).
                party = self.pick(self.party_ids[:4]) if self.chance(0.4) else self.pick(self.party_ids)
                entry = {"party": party, "duty": self.duty(rec["path"])}
                if self.chance(0.25):
                    entry["task"] = self.task_for(party)
                responsible.append(entry)
            data["responsible"] = responsible
        if self.chance(0.6):
            data["handover"] = [] if self.chance(0.2) else [
                {"from": self.pick(self.party_ids), "to": self.pick(self.party_ids),
                 **({"when": self.plain_text(1, 6)} if self.chance(0.7) else {})}
                for _ in range(self.pick([1, 2, 3, 12, 25]))]
        if self.chance(0.6):
            data["tags"] = [] if self.chance(0.2) else rng.sample(TAGS, rng.randint(1, 5))
        if self.chance(0.3):
            others = [i for i in rec_ids if i != rec["id"]]
            data["supersedes"] = [] if self.chance(0.2) or not others else rng.sample(others, min(len(others), rng.randint(1, 3)))
        if status == "trukket":
            data["withdrawn_reason"] = self.plain_text(2, 20)
        if self.chance(0.5):
            data["changelog"] = [] if self.chance(0.15) else [
                {"version": self.version(), **({"date": self.date_text()} if self.chance(0.8) else {}),
                 "summary": self.blockish(rec["path"], self.inline(rec["path"], 1, 10))}
                for _ in range(rng.randint(1, 6))]
        if self.chance(0.3):
            data["source"] = self.plain_text(2, 10)
        if self.chance(0.4):
            data["endorsements"] = [] if self.chance(0.15) else [
                {"by": self.plain_text(1, 8), "level": self.pick(LEVELS), "date": self.date_text(),
                 **({"reference": self.pick([self.plain_text(1, 4), "https://prop.example/vedtak/1?a=1&b=2"])}
                    if self.chance(0.5) else {})}
                for _ in range(rng.randint(1, 4))]
        self.write(rec["path"], data, self.body(rec["path"], (0, 12), rec["headings"]))

    def duty(self, doc):
        text = self.inline(doc, 2, 25)
        text = re.sub(r"^[-+*#>|=~`0-9 ]+", "", text) or "Gjør noe"
        text = text[0].upper() + text[1:] if text[0].isalpha() else text
        return self.blockish(doc, text)

    def blockish(self, doc, text):
        """Now and then, an inline text (a duty, a changelog summary) that Markdown would read as
        blocks: a date that looks like a list (`1. januar`), a list, a heading, a quote, code, a
        table, a rule, two paragraphs, a link definition. Such text is valid content."""
        if not self.chance(0.2):
            return text
        r = self.rng.randint(0, 13)
        return [
            lambda: "1. januar " + text,
            lambda: "2) " + text,
            lambda: self.pick(["- ", "+ ", "* "]) + text,
            lambda: self.pick(["# ", "## ", "###### "]) + text,
            lambda: "> " + text,
            lambda: "```\n" + text + "\n```",
            lambda: text + "\n" + self.pick(["---", "===", "***"]),
            lambda: "| a | b |\n| --- | :-: |\n| " + text.replace("|", "\\|") + " | c |",
            lambda: text + "\n\n" + self.inline(doc, 1, 6),
            lambda: "[1]: https://example.org\n" + text,
            lambda: text + "\n- " + self.words(1, 4) + "\n- " + self.words(1, 4),
            lambda: "    " + text,
            lambda: "# " + self.pick(HEADINGS),
            lambda: text + "\n" + self.words(1, 6),
        ][r]()

    def version(self):
        return self.pick(["1.0", "1.0.0", "0.1", "2.10.3", "10.20.30", "0.0.1"])

    def date_text(self, later=False):
        base = self.release_date + datetime.timedelta(days=self.rng.randint(-2000, 1000 if later else 0))
        return self.pick([base.isoformat(), base.isoformat()[:7], str(base.year)])


# --- helpers that need no randomness -------------------------------------------------------------

YAML_WORDS = {"yes", "no", "true", "false", "on", "off", "null", "y", "n", "~"}


def is_plain_safe(text):
    return (re.fullmatch(r"[A-Za-zÆØÅæøåéü][A-Za-zÆØÅæøåéü0-9 ,.()/?!«»–—+]*", text) is not None
            and not text.endswith(" ") and "  " not in text and text.lower() not in YAML_WORDS)


def flow_safe(text):
    return re.fullmatch(r"[A-Za-zÆØÅæøå][A-Za-zÆØÅæøå0-9 .-]*", text) is not None and not text.endswith(" ") \
        and text.lower() not in YAML_WORDS


def folded_safe(text):
    return printable(text) and "  " not in text and not text.startswith(" ") and not text.endswith(" ") \
        and "\t" not in text and not any(c in text for c in "#:") and text[0] not in "-?[]{}!&*|>'\"%@`,"


def printable(text):
    """No control characters (YAML has them only as escapes in double quotes), no line break."""
    return all(ord(c) >= 0x20 and c != "\x7f" for c in text)


def literal_safe(text):
    lines = text.split("\n")
    return len(lines) > 1 and all(printable(line) and not line.startswith((" ", "\t")) and "\r" not in line for line in lines) \
        and lines[-1] != "" and lines[0] != ""


def double_quoted(text):
    out = []
    for c in text:
        if c == "\\":
            out.append("\\\\")
        elif c == '"':
            out.append('\\"')
        elif c == "\n":
            out.append("\\n")
        elif ord(c) < 0x20:
            out.append(f"\\x{ord(c):02x}")
        else:
            out.append(c)
    return '"' + "".join(out) + '"'


def stringify(value):
    if isinstance(value, dict):
        return {k: stringify(v) for k, v in value.items()}
    if isinstance(value, list):
        return [stringify(v) for v in value]
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def clock(minutes):
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def anchor_ids(headings):
    """The ids moteplass gives a body's headings (Sources/Markdown/HeadingAnchors.swift), for the
    headings whose text has no Markdown: `Hvem gjør hva?` → `hvem-gjor-hva`, repeats `-2`, `-3` …
    Only ids that do not also arise otherwise are offered as link targets."""
    used, ids = {}, []
    for title in headings:
        if re.search(r"[*_`\[\]<>&\\]", title):
            ids.append(None)
            continue
        slug = ""
        for c in clusters(title.lower()):
            if c == "æ":
                slug += "ae"
            elif c == "ø":
                slug += "o"
            elif c == "å":
                slug += "a"
            elif c.isascii() and c.isalnum():
                slug += c
            elif slug and not slug.endswith("-"):
                slug += "-"
        slug = slug.rstrip("-") or "avsnitt"
        used[slug] = used.get(slug, 0) + 1
        ids.append(slug if used[slug] == 1 else f"{slug}-{used[slug]}")
    return [i for i in ids if i]


def clusters(text):
    """The characters of `text` as Swift counts them, near enough: a combining mark belongs to the
    character before it (`e` + U+0301 is one character, not ASCII)."""
    out = []
    for c in text:
        if out and unicodedata.combining(c):
            out[-1] += c
        else:
            out.append(c)
    return out


def relative_path(source, target):
    source_parts = source.split("/")[:-1]
    target_parts = target.split("/")
    common = 0
    while common < len(source_parts) and common < len(target_parts) - 1 and source_parts[common] == target_parts[common]:
        common += 1
    return "/".join([".."] * (len(source_parts) - common) + target_parts[common:])


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seed", type=int, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--small", action="store_true", help="no set of hundreds of recommendations")
    args = parser.parse_args()
    write(args.seed, args.out, args.small)


def write(seed, out, small=False):
    """Writes the content of `seed` into `out` (emptied first); returns the number of files."""
    generator = Generator(seed, small)
    generator.generate()
    if out.exists():
        shutil.rmtree(out)
    # Some files as Windows editors save them: CRLF line endings, a byte order mark.
    endings = random.Random(seed * 7919 + 1)
    for path, text in generator.files.items():
        file = out / path
        file.parent.mkdir(parents=True, exist_ok=True)
        data = text.encode("utf-8")
        if endings.random() < 0.1:
            data = data.replace(b"\n", b"\r\n")
        if endings.random() < 0.05:
            data = b"\xef\xbb\xbf" + data
        file.write_bytes(data)
    return len(generator.files)


if __name__ == "__main__":
    sys.exit(main())
