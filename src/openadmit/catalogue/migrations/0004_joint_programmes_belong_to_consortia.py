"""A joint programme's organisers become its consortium's members."""

import django.db.models.deletion
from django.db import migrations, models


def organisers_to_consortia(apps, schema_editor):
    Programme = apps.get_model("catalogue", "Programme")
    Organiser = apps.get_model("catalogue", "ProgrammeOrganiser")
    Consortium = apps.get_model("consortia", "Consortium")
    Member = apps.get_model("consortia", "ConsortiumMember")
    for programme in Programme.objects.filter(organiser_roles__isnull=False).distinct():
        consortium = Consortium.objects.create(
            slug=f"{programme.slug[:80]}-{programme.pk}",
            name=f"{(programme.short_name or programme.title)[:185]} consortium",
        )
        for organiser in Organiser.objects.filter(programme=programme).order_by("order"):
            Member.objects.create(
                consortium=consortium,
                institution_id=organiser.institution_id,
                role=organiser.role,
                order=organiser.order,
            )
        programme.consortium = consortium
        programme.save(update_fields=["consortium"])


class Migration(migrations.Migration):
    dependencies = [
        ("catalogue", "0003_full_text_index"),
        ("consortia", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="programme",
            name="consortium",
            field=models.ForeignKey(
                blank=True,
                help_text="The universities that run it jointly, when it is a joint programme",
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="programmes",
                to="consortia.consortium",
                verbose_name="consortium",
            ),
        ),
        migrations.RunPython(organisers_to_consortia, migrations.RunPython.noop),
        migrations.RemoveField(model_name="programme", name="organisers"),
        migrations.DeleteModel(name="ProgrammeOrganiser"),
    ]
