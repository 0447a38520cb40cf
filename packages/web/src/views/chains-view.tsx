export default function View() {
  return <p>chains</p>;
}
