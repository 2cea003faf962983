# Minutes (versions frozen once approved, texts per language, per agenda item) and action items;
# agenda items of the kind "matters arising"; news drafted from an event (templates per partner and
# language, the event's links to its news).
import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0003_invitations_and_rsvp"),
        ("registry", "0007_name_order_sort_keys"),
        ("projects", "0002_workitem_is_public"),
        ("news", "0002_files_under_platform_names"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterField(
            model_name="agendaitem",
            name="kind",
            field=models.CharField(
                choices=[
                    ("opening", "Opening"),
                    ("matters_arising", "Matters arising"),
                    ("project_update", "Project update"),
                    ("good_practice", "Good-practice presentation"),
                    ("policy", "Policy presentation"),
                    ("guest_talk", "Guest talk"),
                    ("discussion", "Discussion"),
                    ("other", "Other"),
                ],
                default="other",
                max_length=20,
                verbose_name="kind",
            ),
        ),
        migrations.CreateModel(
            name="Minutes",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created")),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="updated")),
                ("version", models.PositiveSmallIntegerField(default=1, verbose_name="version")),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("draft", "Draft"),
                            ("approved", "Approved"),
                            ("superseded", "Superseded by a correction"),
                        ],
                        default="draft",
                        max_length=12,
                        verbose_name="status",
                    ),
                ),
                (
                    "correction_reason",
                    models.CharField(
                        blank=True,
                        help_text="Required for a correction.",
                        max_length=500,
                        verbose_name="reason for the correction",
                    ),
                ),
                ("approved_at", models.DateTimeField(blank=True, null=True, verbose_name="approved")),
                (
                    "approved_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="approved by",
                    ),
                ),
                (
                    "created_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "event",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="minutes_versions",
                        to="events.event",
                    ),
                ),
            ],
            options={
                "verbose_name": "minutes",
                "verbose_name_plural": "minutes",
                "ordering": ["event", "-version"],
            },
        ),
        migrations.CreateModel(
            name="MinutesText",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("revision", models.PositiveIntegerField(default=1, editable=False, verbose_name="revision")),
                ("synced_with", models.JSONField(blank=True, default=dict, editable=False)),
                (
                    "revised_at",
                    models.DateTimeField(
                        default=django.utils.timezone.now, editable=False, verbose_name="last revised"
                    ),
                ),
                ("language", models.CharField(max_length=8, verbose_name="language")),
                (
                    "summary",
                    models.TextField(
                        blank=True, help_text="The meeting in a few sentences.", verbose_name="summary"
                    ),
                ),
                (
                    "minutes",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE, related_name="texts", to="events.minutes"
                    ),
                ),
            ],
            options={
                "verbose_name": "minutes language version",
                "verbose_name_plural": "minutes language versions",
                "ordering": ["minutes", "language"],
            },
        ),
        migrations.CreateModel(
            name="MinutesItemText",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("order", models.PositiveSmallIntegerField(default=0, verbose_name="order")),
                ("item_title", models.CharField(max_length=300, verbose_name="agenda item")),
                ("summary", models.TextField(blank=True, verbose_name="summary")),
                ("decisions", models.TextField(blank=True, verbose_name="decisions")),
                (
                    "agenda_item",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="minutes_texts",
                        to="events.agendaitem",
                    ),
                ),
                (
                    "text",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="items",
                        to="events.minutestext",
                    ),
                ),
            ],
            options={
                "verbose_name": "minutes of an agenda item",
                "verbose_name_plural": "minutes of agenda items",
                "ordering": ["order", "pk"],
            },
        ),
        migrations.CreateModel(
            name="ActionItem",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created")),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="updated")),
                (
                    "text",
                    models.CharField(
                        help_text="In the partner's own language.", max_length=500, verbose_name="action"
                    ),
                ),
                ("text_en", models.CharField(blank=True, max_length=500, verbose_name="action (English)")),
                ("due_on", models.DateField(blank=True, null=True, verbose_name="due")),
                (
                    "status",
                    models.CharField(
                        choices=[("open", "Open"), ("done", "Done"), ("dropped", "Dropped")],
                        default="open",
                        max_length=10,
                        verbose_name="status",
                    ),
                ),
                ("closed_at", models.DateTimeField(blank=True, null=True, verbose_name="closed")),
                (
                    "agenda_item",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="action_items",
                        to="events.agendaitem",
                        verbose_name="agenda item",
                    ),
                ),
                (
                    "event",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="action_items",
                        to="events.event",
                    ),
                ),
                (
                    "owner_person",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="action_items",
                        to="registry.person",
                        verbose_name="owner (registry person)",
                    ),
                ),
                (
                    "owner_user",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="action_items",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="owner (staff member)",
                    ),
                ),
            ],
            options={
                "verbose_name": "action item",
                "verbose_name_plural": "action items",
                "ordering": ["due_on", "pk"],
                "indexes": [models.Index(fields=["event", "status"], name="action_item_event_status_idx")],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(
                            ("owner_person__isnull", True), ("owner_user__isnull", True), _connector="OR"
                        ),
                        name="action_item_one_owner",
                        violation_error_message=(
                            "Choose one owner: a person from the registry or a staff member."
                        ),
                    )
                ],
            },
        ),
        migrations.AddConstraint(
            model_name="minutes",
            constraint=models.UniqueConstraint(
                fields=("event", "version"),
                name="minutes_version_unique",
                violation_error_message="This version of the minutes already exists.",
            ),
        ),
        migrations.AddConstraint(
            model_name="minutes",
            constraint=models.UniqueConstraint(
                condition=models.Q(("status", "draft")),
                fields=("event",),
                name="minutes_one_draft",
                violation_error_message="These minutes already have a draft being written.",
            ),
        ),
        migrations.AddConstraint(
            model_name="minutes",
            constraint=models.UniqueConstraint(
                condition=models.Q(("status", "approved")),
                fields=("event",),
                name="minutes_one_approved",
                violation_error_message="These minutes already have an approved version.",
            ),
        ),
        migrations.AddConstraint(
            model_name="minutestext",
            constraint=models.UniqueConstraint(
                fields=("minutes", "language"), name="minutes_text_language_unique"
            ),
        ),
        migrations.CreateModel(
            name="EventNews",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                (
                    "event",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="news_links",
                        to="events.event",
                    ),
                ),
                (
                    "news_item",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="event_links",
                        to="news.newsitem",
                    ),
                ),
            ],
            options={
                "ordering": ["-created_at", "-pk"],
                "constraints": [
                    models.UniqueConstraint(fields=("event", "news_item"), name="event_news_unique")
                ],
            },
        ),
        migrations.CreateModel(
            name="NewsDraftTemplate",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created")),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="updated")),
                ("language", models.CharField(max_length=8, verbose_name="language")),
                ("title", models.CharField(max_length=500, verbose_name="title")),
                ("lead", models.TextField(blank=True, verbose_name="lead")),
                ("body", models.TextField(verbose_name="text")),
                (
                    "partner",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="projects.partner",
                        verbose_name="partner",
                    ),
                ),
                (
                    "updated_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "news draft template",
                "verbose_name_plural": "news draft templates",
                "constraints": [
                    models.UniqueConstraint(fields=("partner", "language"), name="news_draft_template_unique")
                ],
            },
        ),
    ]
