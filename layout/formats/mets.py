"""METS 1.12: the articles of a page as a logical structure over its ALTO file.

The file section holds the ALTO file (``FLocat`` with its file name, relative: the two
files are written side by side); the physical structMap one page pointing at it; the
logical structMap one ``div TYPE="ARTICLE"`` per article, in reading order, whose
HEADING, BYLINE, BODY and CAPTION divs point at the ALTO TextBlocks with
``area BETYPE="IDREF"`` (the block ids of alto.py: both come from plan.py). Blocks
that belong to no article are in a last ``div TYPE="UNASSIGNED"``.
"""

from __future__ import annotations

from lxml import etree

from layout.model import PageResult, Role

from .plan import Region, plan_page
from .xmlout import XLINK, XSI, creator, now, serialize

NS = "http://www.loc.gov/METS/"
SCHEMA = f"{NS} http://www.loc.gov/standards/mets/mets.xsd"
ALTO_FILE_ID = "ALTO_1"
# The logical divs of an article, in the order the article reads.
SECTIONS = (
    ("HEADING", (Role.HEADLINE,)),
    ("BYLINE", (Role.BYLINE,)),
    ("BODY", (Role.BODY, Role.SUBHEAD)),
    ("CAPTION", (Role.CAPTION, Role.CREDIT)),
)
_OTHER_ROLES = (Role.JUMP, Role.OTHER)  # inside an article: BODY (where they stand)


def _e(parent: etree._Element, tag: str, **attrs: str) -> etree._Element:
    return etree.SubElement(parent, f"{{{NS}}}{tag}", attrs)


def render(result: PageResult, alto_href: str) -> str:
    """The METS document for ``result``, pointing at its ALTO file ``alto_href``."""
    plan = plan_page(result)
    root = etree.Element(f"{{{NS}}}mets", nsmap={"mets": NS, "xlink": XLINK, "xsi": XSI})
    root.set(f"{{{XSI}}}schemaLocation", SCHEMA)
    root.set("LABEL", plan.source if plan.page is None else f"{plan.source} page {plan.page}")
    header = _e(root, "metsHdr", CREATEDATE=now())
    agent = _e(header, "agent", ROLE="CREATOR", TYPE="OTHER", OTHERTYPE="SOFTWARE")
    _e(agent, "name").text = creator()
    group = _e(_e(root, "fileSec"), "fileGrp", USE="FULLTEXT")
    file = _e(group, "file", ID=ALTO_FILE_ID, MIMETYPE="text/xml")
    _e(file, "FLocat", LOCTYPE="URL").set(f"{{{XLINK}}}href", alto_href)
    physical = _e(_e(root, "structMap", TYPE="PHYSICAL"), "div", TYPE="physSequence")
    page = _e(physical, "div", TYPE="page", ID="PHYS_1", ORDER=str(plan.page or 1))
    _e(page, "fptr", FILEID=ALTO_FILE_ID)
    logical = _e(_e(root, "structMap", TYPE="LOGICAL"), "div", TYPE="PAGE", ID="LOG_page")
    for n, article in enumerate(plan.articles, start=1):
        div = _e(logical, "div", TYPE="ARTICLE", ID=f"LOG_{article.id}", ORDER=str(n))
        div.set("LABEL", article.id)
        for name, roles in SECTIONS:
            wanted = roles + (_OTHER_ROLES if name == "BODY" else ())
            regions = [r for r in article.regions if r.role in wanted]
            if regions:
                _section(div, f"LOG_{article.id}_{name.lower()}", name, regions)
    if plan.unassigned:
        _section(logical, "LOG_unassigned", "UNASSIGNED", list(plan.unassigned))
    return serialize(root)


def _section(parent: etree._Element, div_id: str, kind: str, regions: list[Region]) -> None:
    """A div whose content is the ALTO blocks of ``regions``, in order."""
    div = _e(parent, "div", TYPE=kind, ID=div_id)
    fptr = _e(div, "fptr")
    holder = _e(fptr, "seq") if len(regions) > 1 else fptr
    for region in regions:
        _e(holder, "area", FILEID=ALTO_FILE_ID, BETYPE="IDREF", BEGIN=region.id)
