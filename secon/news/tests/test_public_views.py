def test_sitemap_lists_each_published_language_version_once(client, world):
    from secon.news.tests.builders import make_news, published

    make_news(world.partner, {"pl": published(), "en": published()})
    make_news(world.partner, {"en": published(), "pl": {}})
    body = client.get("/sitemap.xml").content.decode()
    assert body.count("/pl/news/") == 1
    assert body.count("/en/news/") == 2
