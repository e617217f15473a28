from django import forms


class FinderForm(forms.Form):
    q = forms.CharField(
        label="Nama kabupaten, kota atau provinsi",
        max_length=100,
        required=False,
        strip=True,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off", "placeholder": "mis. kota malang"}),
    )
