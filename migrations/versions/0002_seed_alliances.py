"""The ten strategic-emerging-industry IP alliances of Jilin Province.

Named in the provincial implementation opinions on IP work for strategic emerging
industries (2012). Codes are stable: URLs, the CLI and the API use them.

Revision ID: 0002_seed_alliances
Revises: 0001_foundation
"""
import sqlalchemy as sa
from alembic import op

revision = "0002_seed_alliances"
down_revision = "0001_foundation"
branch_labels = None
depends_on = None

ALLIANCES = [
    ("biochemical", "生物化工", "Bio-chemicals",
     "围绕生物化工产业，推动高校、科研院所与企业之间的专利许可、转化与利益分享。",
     "Patent licensing, transfer and benefit sharing among universities, institutes and firms "
     "in bio-chemicals."),
    ("nev", "新能源汽车", "New-energy vehicles",
     "围绕新能源汽车整车、动力电池、电机电控等领域开展专利协同运营。",
     "Joint patent work on new-energy vehicles, traction batteries, motors and controls."),
    ("biomedicine", "生物医药", "Biomedicine",
     "面向创新药、中药现代化、医疗器械等领域的产学研专利合作与转化。",
     "Industry-university-research patent cooperation in new drugs, modern Chinese medicine "
     "and medical devices."),
    ("electronics", "电子信息", "Electronics & IT",
     "面向光电子、集成电路、软件与通信等领域的专利信息追踪与许可合作。",
     "Patent tracking and licensing in optoelectronics, integrated circuits, software and "
     "communications."),
    ("new-materials", "新材料", "New materials",
     "围绕先进结构材料、功能材料与化工新材料开展专利池建设与运营。",
     "Patent pooling and licensing in advanced structural, functional and chemical materials."),
    ("new-energy", "新能源", "New energy",
     "面向风能、太阳能、生物质能与储能等领域的专利协同创新。",
     "Collaborative patenting in wind, solar, biomass energy and energy storage."),
    ("advanced-equipment", "先进装备制造", "Advanced equipment manufacturing",
     "面向轨道交通装备、智能制造装备、精密仪器等领域的专利许可与标准合作。",
     "Patent licensing and standards work in rail transit equipment, intelligent manufacturing "
     "and precision instruments."),
    ("energy-saving", "节能环保", "Energy saving & environment",
     "面向节能技术、污染治理与资源循环利用的专利转化与预警。",
     "Patent transfer and early warning in energy saving, pollution control and recycling."),
    ("tourism", "旅游", "Tourism",
     "围绕冰雪旅游、文旅装备与服务创新开展知识产权保护与运用。",
     "IP protection and use in ice-and-snow tourism, tourism equipment and service innovation."),
    ("culture", "文化", "Culture",
     "面向数字创意、影视动漫与文化装备的版权、专利与商标协同运营。",
     "Copyright, patent and trademark cooperation in digital creative industries, film, "
     "animation and cultural equipment."),
]


def upgrade():
    alliance = sa.table(
        "alliance",
        sa.column("code", sa.String), sa.column("name_zh", sa.String),
        sa.column("name_en", sa.String), sa.column("description_zh", sa.Text),
        sa.column("description_en", sa.Text), sa.column("position", sa.Integer),
    )
    op.bulk_insert(alliance, [
        {"code": code, "name_zh": zh, "name_en": en, "description_zh": dzh,
         "description_en": den, "position": index}
        for index, (code, zh, en, dzh, den) in enumerate(ALLIANCES, start=1)
    ])


def downgrade():
    codes = ", ".join(f"'{code}'" for code, *_ in ALLIANCES)
    seeded = f"SELECT id FROM alliance WHERE code IN ({codes})"
    for dependent in ("membership", "coordinatorship"):
        op.execute(f"DELETE FROM {dependent} WHERE alliance_id IN ({seeded})")
    op.execute(f"DELETE FROM alliance WHERE code IN ({codes})")
