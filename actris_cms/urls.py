from django.conf import settings
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from search.views import robots_txt, search
from sharing.views import shared_preview
from siteconfig.views import brand_css

from .views import healthz, sitemap

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("admin/two-step/", include("accounts.urls")),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("robots.txt", robots_txt, name="robots_txt"),
    path("brand.css", brand_css, name="brand_css"),
    path("search/", search, name="search"),
    path("_preview/<str:token>/", shared_preview, name="shared_preview"),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [path("", include(wagtail_urls))]
