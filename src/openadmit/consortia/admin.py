from django.contrib import admin

from openadmit.consortia.models import Consortium, ConsortiumMember


class MemberInline(admin.TabularInline):
    model = ConsortiumMember
    extra = 0


@admin.register(Consortium)
class ConsortiumAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    inlines = [MemberInline]
