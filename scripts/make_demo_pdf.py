"""Build the demo corpus PDFs (``dyad/demo/corpus/*.pdf``) with fpdf2, byte for byte reproducibly.

The PDFs exist so that ``dyad demo`` shows the PDF reader and the repair stage
at work: each page carries a running title and a page number, and the body is
pre-wrapped with a few words hyphenated at line ends, the damage a real
report's text layer has. Fixed creation dates and file ids make every run
write identical bytes, so the committed files can be checked against this
script.

Usage: ``python scripts/make_demo_pdf.py [OUT_DIR]`` (default: the corpus folder).
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from fpdf import FPDF

CORPUS = Path(__file__).resolve().parents[1] / "dyad" / "demo" / "corpus"


@dataclass(frozen=True)
class DemoPdf:
    name: str
    title: str
    running_head: str
    published: datetime
    paragraphs: tuple[str, ...]  # pre-wrapped: "\n" ends a line; PAGE_BREAK starts a page


#: A paragraph that starts a new page, so the running head and page number repeat mid-text.
PAGE_BREAK = "\f"


class _Report(FPDF):
    """A report page: running head at the top, page number at the foot."""

    def __init__(self, head: str) -> None:
        super().__init__(format="A4")
        self.head = head

    def header(self) -> None:
        self.set_font("helvetica", "I", 8)
        self.cell(0, 6, self.head, align="R")
        self.ln(10)

    def footer(self) -> None:
        self.set_y(-14)
        self.set_font("helvetica", size=8)
        self.cell(0, 6, str(self.page_no()), align="C")


def build(doc: DemoPdf) -> bytes:
    """The PDF bytes of ``doc``; the same input always gives the same bytes."""
    pdf = _Report(doc.running_head)
    pdf.set_title(doc.title)
    pdf.set_author("dyad demo corpus")
    pdf.set_creator("scripts/make_demo_pdf.py")
    pdf.set_producer("fpdf2")
    pdf.set_creation_date(doc.published)
    # A fixed file id: fpdf2 otherwise derives it from the clock.
    pdf.file_id = lambda: "<00112233445566778899AABBCCDDEEFF><00112233445566778899AABBCCDDEEFF>"  # type: ignore[method-assign]
    pdf.set_auto_page_break(auto=True, margin=20)
    pdf.add_page()
    pdf.set_font("helvetica", "B", 14)
    pdf.multi_cell(0, 7, doc.title)
    pdf.ln(3)
    for para in doc.paragraphs:
        if para == PAGE_BREAK:
            pdf.add_page()
            continue
        bold = para.isupper() or para.startswith(("Summary", "References"))
        pdf.set_font("helvetica", "B" if bold else "", 11)
        for line in para.split("\n"):
            pdf.cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(3)
    return bytes(pdf.output())


DOCS: tuple[DemoPdf, ...] = (
    DemoPdf(
        name="17_eight_point_plan_progress.pdf",
        title="Promise and Delivery: The Eight-Point Plan, 2016-2018",
        running_head="EAST ASIA ECONOMIC MONITOR | WORKING PAPER 4 | MAY 2019",
        published=datetime(2019, 5, 20, tzinfo=UTC),
        paragraphs=(
            "Summary. When Prime Minister Abe offered Russia an eight-point plan for economic\n"
            "cooperation in Sochi in May 2016, he hoped that business ties would soften Moscow's\n"
            "stance on the islands. Three years on, this paper asks how much of the plan was deliv-\n"
            "ered and whether it changed the political picture.",
            "What was signed. The plan covered health care, urban environment, small firms, energy,\n"
            "industrial diversification, the Far East, advanced technology and human exchanges. Dur-\n"
            "ing President Putin's visit to Nagato and Tokyo on 15-16 December 2016 about 80 docu-\n"
            "ments were signed, and by 2018 officials on both sides spoke of more than 100 projects\n"
            "under the plan. Japan created a ministerial post for economic cooperation with Russia\n"
            "in September 2016, first held by Hiroshige Seko.",
            "What was delivered. Many documents were memoranda of intent rather than contracts.\n"
            "Some projects did start, such as a Japanese-built greenhouse complex in Yakutsk and\n"
            "joint work on medical care in the Far East, and Mitsui and Mitsubishi kept their\n"
            "stakes in the Sakhalin-2 gas project. Yet sanctions on Russian banks and energy\n"
            "firms, and the risk of falling foul of United States rules, kept most large lenders away.",
            PAGE_BREAK,
            "Trade tells the same story. Turnover between the two countries, around $30 billion in\n"
            "2014, fell to roughly $16 billion in 2016 and recovered only to about $20 billion in\n"
            "2018. Japanese direct investment in Russia stayed small next to its investment in China\n"
            "or Southeast Asia.",
            "The political link. The plan was meant to create trust for the territorial talks. In\n"
            "November 2018 in Singapore the two leaders agreed to speed up peace treaty negotiations\n"
            "on the basis of the 1956 Joint Declaration, but by early 2019 Moscow demanded that\n"
            "Tokyo first accept Russian sovereignty over all four islands. Economic cooperation had\n"
            "not bought political movement.",
            "Conclusion. The eight-point plan widened contacts and kept a channel open during years\n"
            "of Western sanctions. It did not transform trade, and it did not deliver a peace treaty.",
            "References\n"
            "Ministry of Foreign Affairs of Japan (2016). Japan-Russia Summit Meeting in Sochi.\n"
            "Russian Federal Customs Service (2019). Foreign trade statistics by country.",
        ),
    ),
    DemoPdf(
        name="18_after_2022_outlook.pdf",
        title="After the Rupture: Japan-Russia Relations, 2022-2025",
        running_head="NORTH PACIFIC FORUM | BRIEFING SERIES | AUTUMN 2025",
        published=datetime(2025, 10, 1, tzinfo=UTC),
        paragraphs=(
            "Summary. Russia's full-scale invasion of Ukraine on 24 February 2022 ended the era of\n"
            "summit diplomacy between Tokyo and Moscow. This briefing traces the break and asks\n"
            "what is left of the relationship.",
            "Sanctions and response. Japan joined the G7 in freezing the assets of Russia's central\n"
            "bank and of President Putin, supported cutting Russian banks off from SWIFT and banned\n"
            "many exports. On 21 March 2022 Russia said it would no longer negotiate a peace treaty\n"
            "with Japan, ended visa-free visits to the islands and left the talks on joint econom-\n"
            "ic activities. In April 2022 Japan expelled eight Russian diplomats and trade officials,\n"
            "and in May Russia barred 63 Japanese citizens, among them Prime Minister Kishida, from\n"
            "entering the country. In September 2022 Moscow formally ended the agreements on visa-\n"
            "free exchanges and simplified visits by former island residents.",
            PAGE_BREAK,
            "Energy. Japan did not leave the Sakhalin projects. After a Russian decree in June 2022\n"
            "moved Sakhalin-2 to a new Russian operator, Mitsui and Mitsubishi accepted stakes in it,\n"
            "and Japan kept importing part of its liquefied gas from Sakhalin while cutting Russian\n"
            "coal and oil.",
            "Positions. Tokyo's diplomatic yearbooks again describe the islands as illegally occupied\n"
            "by Russia. Moscow points to its 2020 constitutional ban on ceding territory and says\n"
            "there is nothing to discuss while Japan pursues what it calls an unfriendly course. In\n"
            "May 2023 Japan hosted the G7 summit in Hiroshima, attended by President Zelensky.",
            "Outlook. Eighty years after the Soviet landings of 1945, there are no peace treaty\n"
            "talks, no visa-free visits and little trade beyond energy. Any restart depends on how\n"
            "the war in Ukraine ends.",
        ),
    ),
)


def main(out_dir: Path = CORPUS) -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    for doc in DOCS:
        (out_dir / doc.name).write_bytes(build(doc))
        print(f"wrote {out_dir / doc.name}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else CORPUS)
