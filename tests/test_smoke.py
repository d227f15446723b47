from alliance.models import Alliance


def test_ten_alliances_after_migration(db):
    codes = {a.code for a in db.session.scalars(db.select(Alliance))}
    assert codes == {"biochemical", "nev", "biomedicine", "electronics", "new-materials",
                     "new-energy", "advanced-equipment", "energy-saving", "tourism", "culture"}


def test_home_page_in_chinese_by_default(client):
    response = client.get("/")
    assert response.status_code == 200
    assert 'lang="zh-Hans-CN"' in response.get_data(as_text=True)
