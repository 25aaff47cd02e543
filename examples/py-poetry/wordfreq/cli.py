from collections import Counter

import click


@click.command()
@click.argument("text", default="the cat and the hat and the bat")
def main(text: str) -> None:
    for word, count in Counter(text.split()).most_common(2):
        click.echo(f"{word}: {count}")
